// 99002: a class declared inside a durable body (a class expression or a declaration) and its instances, held across a durable await, each under the name it is written with.
import * as dispatch from "dispatch-ts";
import { step } from "./steps.js";

export const local = dispatch.function(async function local(base: number) {
  const Counter = class {
    n = base;
  };
  class Named {}
  const c = new Counter();
  const named = new Named();
  await step(base);
  return [c.n, Counter.name, named];
});
