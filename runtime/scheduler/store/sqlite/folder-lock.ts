// One process at a time per store folder. SQLite itself would let two processes share the file,
// but two schedulers over one folder would both run every call. The lock is a file holding the
// owner's pid, created with O_EXCL; a lock whose process is gone (kill -9, power cut) is stale
// and taken over, so a crash never needs manual clean-up.
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SchedulerError } from "../../errors.js";

export interface FolderLock {
  readonly path: string;
  release(): void;
}

/** Folders this process holds: our own pid in a lock file is only ours if it is listed here. */
const held = new Set<string>();

/** Whether a process exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function acquireFolderLock(folder: string): FolderLock {
  const dir = resolve(folder);
  const path = join(dir, "lock");
  // Two rounds: the second follows the removal of a stale lock; losing that race to another
  // process taking over the same stale lock ends in the "in use" error, as it should.
  for (let round = 0; round < 2; round++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: "wx" });
      held.add(dir);
      return { path, release: () => release(dir, path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new SchedulerError(`cannot lock store folder "${dir}": ${(error as Error).message}`, { cause: error });
      }
    }
    const owner = readOwner(path);
    const ours = owner === process.pid && held.has(dir);
    if (owner !== undefined && (ours || (owner !== process.pid && isAlive(owner)))) {
      throw new SchedulerError(
        `cannot open store folder "${dir}": it is in use by process ${owner}${ours ? " (this process)" : ""}; ` +
          `close that scheduler first (lock file ${path})`,
      );
    }
    try {
      unlinkSync(path);
    } catch {
      // Someone else removed it first; the next round decides.
    }
  }
  const owner = readOwner(path);
  throw new SchedulerError(`cannot open store folder "${dir}": it is in use by process ${owner ?? "unknown"} (lock file ${path})`);
}

function release(dir: string, path: string): void {
  if (!held.delete(dir)) return;
  if (readOwner(path) === process.pid) unlinkSync(path);
}
