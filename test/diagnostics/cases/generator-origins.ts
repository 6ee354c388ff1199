// 99002 for generator objects by where the expression that made them leads: a platform iterator
// made by a call with no body (matchAll) is native and reported; a parameter, a plain function
// returning a generator, and an ambient function are left to the run time (not reported).
import * as dispatch from "dispatch-ts";
import { step } from "./steps.js";

declare function ambientGenerator(): Generator<number>;

function plainMaker(): Generator<number> {
  return [1, 2].values() as unknown as Generator<number>;
}

export const generatorOrigins = dispatch.function(async function generatorOrigins(given: Generator<number>, n: number) {
  const fromParameter = given;
  const fromPlainFunction = plainMaker();
  const fromAmbient = ambientGenerator();
  const fromPlatform: Generator<RegExpExecArray> = "a-b-c".matchAll(/-/g) as unknown as Generator<RegExpExecArray>;
  await step(n);
  return [fromParameter.next(), fromPlainFunction.next(), fromAmbient.next(), fromPlatform.next()];
});
