// The SIGKILL tests' workers: a TypeScript program of this folder run under tsx, whose standard
// output the test reads line by line (the worker prints its progress) to pick the moment to kill.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

export function spawnWorker(file: string, args: readonly string[], onLine: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", join(here, file), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop()!;
    for (const line of lines) onLine(line);
  });
  return child;
}
