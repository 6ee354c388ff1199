// A base class with #private state in a module with durable code (its own
// square function), for test/engine/private-cross-module.test.ts.
import * as dispatch from "dispatch-ts";

export const square = dispatch.function(async function square(n: number) {
  return n * n;
});

export class Tally {
  #seen: number[] = [];
  constructor(readonly label: string) {}
  see(n: number) {
    this.#seen.push(n);
    return this;
  }
  seen() {
    return this.#seen.join("+");
  }
}

/** No #private members, but on Tally's extends chain in this file: registered with it. */
export class Between extends Tally {}
