// A generator held across a durable call, for the test that resumes its state
// in another process (test/engine/generator-resume.test.ts).
import * as dispatch from "dispatch-ts";

export const square = dispatch.function(async function square(n: number) {
  return n * n;
});

function* countdown(from: number, seen: string[]) {
  try {
    for (let i = from; i > 0; i--) {
      const note: string | undefined = yield i;
      if (note !== undefined) seen.push(note);
    }
  } finally {
    seen.push("closed");
  }
}

class Tally {
  constructor(public items: number[]) {}
  *each() {
    for (const x of this.items) yield x;
  }
}

export const sumSquares = dispatch.function(async function sumSquares(from: number) {
  const seen: string[] = [];
  const g = countdown(from, seen);
  let total = 0;
  for (let r = g.next(); !r.done; r = g.next(`after ${String(r.value)}`)) total += await square(r.value);
  return [total, seen];
});

export const sumMethod = dispatch.function(async function sumMethod(items: number[]) {
  let total = 0;
  for (const x of new Tally(items).each()) total += await square(x);
  return total;
});

// A class made by a function: its method has no name among the module's bindings.
function hiddenClass() {
  return class {
    constructor(public items: number[]) {}
    *each() {
      for (const x of this.items) yield x;
    }
  };
}

export const sumHidden = dispatch.function(async function sumHidden(items: number[]) {
  let total = 0;
  for (const x of new (hiddenClass())(items).each()) total += await square(x);
  return total;
});
