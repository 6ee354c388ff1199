// A module with durable code whose class extends Tally (another module's) and has
// no #private members of its own: the compiler registers nothing here.
import * as dispatch from "dispatch-ts";
import { Tally } from "./base-durable.js";

export const cube = dispatch.function(async function cube(n: number) {
  return n * n * n;
});

export class Gap extends Tally {}
