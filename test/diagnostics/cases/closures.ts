// 99002: closures held across a durable await that cannot be lifted, each with what it reads; the ones that can are not reported.
import * as dispatch from "dispatch-ts";
import { step } from "./steps.js";

export const refused = dispatch.function(async function refused(n: number) {
  let fromClass: () => unknown = () => "none";
  {
    class Box {
      constructor(readonly v: number) {}
    }
    fromClass = () => new Box(n);
  }
  let fromPlain: () => unknown = () => 0;
  function plain(): void {
    fromPlain = () => new.target;
  }
  plain();
  await step(n);
  return [fromClass(), fromPlain()];
});

export const lifted = dispatch.function(async function lifted(n: number) {
  const makeCounter = (start: number) => {
    let c = start;
    return () => c++;
  };
  const counter = makeCounter(n);
  const fs: (() => number)[] = [];
  for (let i = 0; i < 3; i++) fs.push(() => i + n);
  const obj = {
    base: n,
    read() {
      return this.base + counter();
    },
  };
  const self = () => fs.length + arguments.length;
  let fromCatch: () => string = () => "none";
  try {
    JSON.parse("{");
  } catch (e) {
    fromCatch = () => String(e);
  }
  let fromBlock: () => number = () => 0;
  {
    function twice(): number {
      return n * 2;
    }
    fromBlock = () => twice();
  }
  let fromCase: () => string = () => "";
  switch (n) {
    case 1:
      const label = "one";
      fromCase = () => label;
  }
  let fromSplit: () => number = () => 0;
  switch (await step(n)) {
    case 1:
      const seen = n;
      fromSplit = () => seen;
  }
  await step(n);
  return [counter(), fs.map((f) => f()), obj.read(), self(), fromCatch(), fromBlock(), fromCase(), fromSplit()];
});
