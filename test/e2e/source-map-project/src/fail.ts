// Not durable: throws, and reads the frame of a stack that names a file.
export function fail(message: string): never {
  throw new Error(message);
}

export function firstFrameIn(e: unknown, file: string): string {
  const line = String((e as Error).stack).split("\n").find((l) => l.includes(file));
  return line === undefined ? "none" : line.trim();
}

export class Refused {
  constructor(readonly n: number, readonly label: string) {
    fail(`${label}: refused ${n}`);
  }
}
