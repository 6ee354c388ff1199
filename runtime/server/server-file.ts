// How the CLI finds the scheduler server that holds a folder: the server
// writes `server.json` (pid, URL, API key; owner-only, since it holds the key)
// once it listens and removes it when it stops. A file left by a killed server
// is recognized by its dead pid and ignored.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isAlive } from "../scheduler/store/sqlite/folder-lock.js";

export const SERVER_FILE = "server.json";

export interface ServerInfo {
  pid: number;
  url: string;
  apiKey: string;
}

export function writeServerFile(folder: string, info: ServerInfo): void {
  const file = join(folder, SERVER_FILE);
  rmSync(file, { force: true });
  writeFileSync(file, JSON.stringify(info) + "\n", { mode: 0o600, flag: "wx" });
}

export function removeServerFile(folder: string, pid = process.pid): void {
  const info = readServerFile(folder, false);
  if (info?.pid === pid) rmSync(join(folder, SERVER_FILE), { force: true });
}

/** The live server of a folder, or undefined when none runs (no file, or its process is gone). */
export function readServerFile(folder: string, liveOnly = true): ServerInfo | undefined {
  let info: ServerInfo;
  try {
    info = JSON.parse(readFileSync(join(folder, SERVER_FILE), "utf8")) as ServerInfo;
  } catch {
    return undefined;
  }
  if (typeof info?.pid !== "number" || typeof info.url !== "string" || typeof info.apiKey !== "string") return undefined;
  return !liveOnly || isAlive(info.pid) ? info : undefined;
}

