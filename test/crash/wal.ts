// Reads the write-ahead log a killed process left, to tell whether the kill landed inside a store
// commit: SQLite writes a transaction's pages to the WAL at commit, the last frame marked as the
// commit frame, so frames of the current WAL generation after the last commit frame are a commit
// the process was writing when it died (SQLite's recovery ignores them).
// Format: https://www.sqlite.org/fileformat.html#the_write_ahead_log
import { existsSync, readFileSync } from "node:fs";

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export interface WalTail {
  /** Frames of the current generation up to the last commit frame. */
  readonly committed: number;
  /** Frames after it: an unfinished commit (a torn last frame counts). */
  readonly unfinished: number;
}

export function walTail(file: string): WalTail {
  if (!existsSync(file)) return { committed: 0, unfinished: 0 };
  const bytes = readFileSync(file);
  if (bytes.length < WAL_HEADER) return { committed: 0, unfinished: 0 };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) throw new Error(`${file} is not a WAL file (magic ${magic.toString(16)})`);
  const pageSize = view.getUint32(8);
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  let frames = 0;
  let lastCommit = 0;
  // Frames of earlier generations (before the WAL was restarted) carry other salts: stop there.
  for (let at = WAL_HEADER; at + FRAME_HEADER <= bytes.length; at += FRAME_HEADER + pageSize) {
    if (view.getUint32(at + 8) !== salt1 || view.getUint32(at + 12) !== salt2) break;
    frames++;
    const torn = at + FRAME_HEADER + pageSize > bytes.length;
    if (!torn && view.getUint32(at + 4) !== 0) lastCommit = frames;
  }
  return { committed: lastCommit, unfinished: frames - lastCommit };
}
