// Dispatch ids: the creation time in base 36 (so ids sort roughly by age, which keeps store
// indexes append-mostly) followed by 64 random bits (so ids never collide across processes).
import { randomBytes } from "node:crypto";

export function newCallId(now: number): string {
  return now.toString(36).padStart(9, "0") + randomBytes(8).toString("hex");
}
