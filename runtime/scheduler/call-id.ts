// Dispatch ids: the creation time in base 36 (so ids sort roughly by age, which keeps store
// indexes append-mostly) followed by 64 random bits (so ids never collide across processes).
// Random bytes are drawn in blocks: one system call per 512 ids instead of one per id.
import { randomFillSync } from "node:crypto";

const pool = Buffer.alloc(8 * 512);
let offset = pool.length;

export function newCallId(now: number): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const random = pool.toString("hex", offset, offset + 8);
  offset += 8;
  return now.toString(36).padStart(9, "0") + random;
}
