// Durable functions driven by the engine tests through RunRequests.
import * as dispatch from "dispatch-ts";

export const double = dispatch.function(async function double(n: number) {
  return n * 2;
});

export const fails = dispatch.function(async function fails(message: string) {
  throw new dispatch.PermanentError(message);
});

export const sequential = dispatch.function(async function sequential(n: number) {
  let total = 0;
  for (let i = 1; i <= n; i++) total += await double(i);
  return total;
});

export const gatherThree = dispatch.function(async function gatherThree() {
  return await dispatch.gather([double(1), double(2), double(3)]);
});

export const catches = dispatch.function(async function catches() {
  try {
    await fails("nope");
    return "not reached";
  } catch (e) {
    return `caught ${(e as Error).name}: ${(e as Error).message}`;
  } finally {
    await double(0);
  }
});

export const anySuccess = dispatch.function(async function anySuccess() {
  return await dispatch.any([fails("a"), double(21), fails("b")]);
});

export const raceFirst = dispatch.function(async function raceFirst() {
  return await dispatch.race([double(5), double(6)]);
});

export const sleeper = dispatch.function(async function sleeper() {
  await dispatch.sleep("1s");
  return "woke";
});

export const add = dispatch.function(async function add(a: number, b: number, c: number = 100) {
  return a + b + c;
});

export const nestedGathers = dispatch.function(async function nestedGathers() {
  return await dispatch.gather([dispatch.gather([double(1), double(2)]), dispatch.gather([double(3), double(4)])]);
});

export const anyAllFail = dispatch.function(async function anyAllFail() {
  return await dispatch.any([fails("x"), fails("y")]);
});

export const raceError = dispatch.function(async function raceError() {
  return await dispatch.race([fails("first"), double(1)]);
});

export const dag = dispatch.function(async function dag() {
  const [a, b] = await dispatch.gather([double(1), double(2)]);
  const c = await double(a + b);
  const [d, e] = await dispatch.gather([double(c), sequentialPair(c)]);
  return [a, b, c, d, e];
});

const pair = dispatch.durable(async function pair(n: number) {
  return [await double(n), await double(n + 1)];
});

async function unmarkedPair(n: number) {
  return [await double(n), await double(n + 1)];
}
export const callsUnmarked = dispatch.function(async function callsUnmarked() {
  return await unmarkedPair(1);
});

export const gatherHelpers = dispatch.function(async function gatherHelpers() {
  return await dispatch.gather([pair(1), pair(10)]);
});
export const sequentialPair = dispatch.function(async function sequentialPair(n: number) {
  return await pair(n);
});

export const gatherFive = dispatch.function(async function gatherFive() {
  return await dispatch.gather([double(1), double(2), double(3), double(4), double(5)]);
});

export const throwsBesidePending = dispatch.function(async function throwsBesidePending() {
  void double(7);
  throw new dispatch.TemporaryError("failed with a call in flight");
});

export const detached = dispatch.function(async function detached() {
  double(8);
  return "exited";
});

export const context = dispatch.function(async function context() {
  const before = dispatch.context();
  await double(1);
  const after = dispatch.context();
  return [before.dispatchId, before.function, after.attempt, after.rootDispatchId];
});

export const emptyCombinators = dispatch.function(async function emptyCombinators() {
  return [await dispatch.gather([]), await dispatch.any([]), await dispatch.race([])];
});

const twice = dispatch.durable(async function twice(n: number) {
  const a = await double(n);
  return a + (await double(n));
});

export const helperTree = dispatch.function(async function helperTree() {
  return await Promise.all([twice(1), twice(10)]);
});

export const countdown = dispatch.function(async function countdown(n: number): Promise<number> {
  if (n <= 0) return 0;
  await double(n);
  return dispatch.reset(countdown, n - 1);
});

/** A cancelled call surfaces at the durable await: the catch and finally (compensations) run. */
export const compensates = dispatch.function(async function compensates() {
  const log: string[] = [];
  try {
    await double(1);
    log.push("not reached");
  } catch (e) {
    log.push(`${(e as Error).name} ${e instanceof dispatch.CancelledError} ${e instanceof dispatch.PermanentError}`);
    log.push(`undo ${await double(50)}`);
  } finally {
    log.push("finally");
  }
  return log;
});

// A generator of a transformed module is saved with the state: each poll
// suspends with the generator in the frame, and each resume decodes it and
// steps it on from where it was (yield results, finally on an early exit).
function* numbers(limit: number, seen: string[]) {
  try {
    let factor = 1;
    for (let i = 1; i <= limit; i++) {
      const sent: number | undefined = yield i * factor;
      if (sent !== undefined) factor = sent;
    }
  } finally {
    seen.push("closed");
  }
}

export const generatorAcrossPolls = dispatch.function(async function generatorAcrossPolls(n: number) {
  const seen: string[] = [];
  const g = numbers(n, seen);
  let total = 0;
  for (let r = g.next(); !r.done; r = g.next(10)) total += await double(r.value);
  for (const v of numbers(n, seen)) {
    total += await double(v);
    if (v === 2) break;
  }
  return [total, seen];
});

// Lowered Promise.* over durable calls (not helpers): the combined promise is rebuilt when the
// state is decoded, before the PollResult's results are delivered, and must still settle.
export const promiseAllCalls = dispatch.function(async function promiseAllCalls(items: number[]) {
  return await Promise.all(items.map((x) => double(x)));
});

export const promiseCombinatorsOverCalls = dispatch.function(async function promiseCombinatorsOverCalls() {
  const settled = await Promise.allSettled([double(4), fails("no")]);
  const first = await Promise.race([double(5), double(6)]);
  const any = await Promise.any([fails("a"), double(7)]);
  let allError = "";
  try {
    await Promise.all([double(8), fails("all fails")]);
  } catch (e) {
    allError = (e as Error).message;
  }
  return [settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message)), first, any, allError];
});

// Arguments that cannot be sent fail at the call, where the caller's catch sees them.
export const unsendableArgument = dispatch.function(async function unsendableArgument() {
  try {
    await double((() => 1) as unknown as number);
    return "sent";
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
});

// Durable methods: `@dispatch.function` on an instance method of a module-level singleton (the
// receiver travels as a reference), on a static method (the class as a reference), on an
// instance passed by value, and `@dispatch.durable` on a helper method of the caller's tree.
class Greeter {
  prefix = "hi";
  static base = 100;

  @dispatch.function
  async greet(n: number): Promise<string> {
    const d = await double(n);
    return `${this.prefix} ${d} ${this === greeter}`;
  }

  @dispatch.durable
  async twice(n: number): Promise<number> {
    return (await double(n)) + (await double(n + 1)) + this.prefix.length;
  }

  @dispatch.function({ name: "Greeter.make" })
  static async make(n: number): Promise<number> {
    return (await double(n)) + this.base;
  }
}
export const greeter = new Greeter();

export class Box {
  constructor(public v: number) {}

  @dispatch.function
  async grow(k: number): Promise<number> {
    return this.v + (await double(k)) + (this instanceof Box ? 1000 : 0);
  }
}

export class Unsaved {
  callback = (): number => 1;

  @dispatch.function
  async run(): Promise<number> {
    return this.callback();
  }
}

export const methodCalls = dispatch.function(async function methodCalls(n: number) {
  const g = await greeter.greet(n);
  const t = await greeter.twice(n);
  const m = await Greeter.make(n);
  const b = await new Box(5).grow(n);
  return [g, t, m, b];
});

export const unsavedReceiver = dispatch.function(async function unsavedReceiver() {
  return await new Unsaved().run();
});

/** Async arrows inside a durable body are helpers: they may await durable calls, and share the body's variables. */
export const promiseAllArrows = dispatch.function(async function promiseAllArrows(items: number[]) {
  let seen = 0;
  const out = await Promise.all(items.map(async (x) => {
    const y = await double(x);
    seen++;
    return y + 1;
  }));
  async function twice(v: number) {
    return (await double(v)) + (await double(v));
  }
  const obj = { async half(v: number) { return (await double(v)) / 4; } };
  return [out, seen, await twice(5), await obj.half(8)];
});

/** Calls started first and awaited later: the locals hold the calls across the other await. */
export const callsHeldInLocals = dispatch.function(async function callsHeldInLocals() {
  const first = double(1);
  const second = double(2);
  const a = await first;
  const b = await second;
  return [a, b];
});
