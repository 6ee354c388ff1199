// Generators and classes with #private fields as a module with durable code
// has them (lowered generators, guarded constructors), for bench/generators.bench.mjs,
// which also runs this file untransformed (plain TypeScript output) as the baseline.
"use durable";

export function* range(n: number) {
  for (let i = 0; i < n; i++) yield i;
}

export function* withFinally(n: number, log: string[]) {
  try {
    for (let i = 0; i < n; i++) {
      const sent: number | undefined = yield i;
      if (sent !== undefined) log.push(String(sent));
    }
  } finally {
    log.push("closed");
  }
}

export class Point {
  #x: number;
  #y: number;
  label = "p";
  constructor(x: number, y: number) {
    this.#x = x;
    this.#y = y;
  }
  #norm() {
    return this.#x * this.#x + this.#y * this.#y;
  }
  norm() {
    return this.#norm();
  }
}

/** Keeps the module one with durable code. */
export async function touch() {
  await null;
}
