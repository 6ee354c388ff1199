// Dispatch ids: the creation time in base 36 (so ids sort roughly by age, which keeps store
// indexes append-mostly) followed by 64 random bits (so ids never collide across processes).
// Random bytes are drawn in blocks: one system call and one hex conversion per 512 ids instead
// of one per id, and the time's base-36 text is kept while the millisecond lasts (a fan-out
// makes thousands of ids in a few milliseconds; formatting both parts per id showed in profiles).
import { randomFillSync } from "node:crypto";

const IDS_PER_BLOCK = 512;
const HEX_PER_ID = 16; // 8 random bytes
const block = Buffer.alloc((IDS_PER_BLOCK * HEX_PER_ID) / 2);
let hex = "";
let at = 0;
let lastNow = Number.NaN;
let lastPrefix = "";

export function newCallId(now: number): string {
  if (at === hex.length) {
    randomFillSync(block);
    hex = block.toString("hex");
    at = 0;
  }
  const random = hex.slice(at, at + HEX_PER_ID);
  at += HEX_PER_ID;
  if (now !== lastNow) {
    lastNow = now;
    lastPrefix = now.toString(36).padStart(9, "0");
  }
  return lastPrefix + random;
}
