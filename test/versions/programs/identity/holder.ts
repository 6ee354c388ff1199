// Holds a module singleton, an imported function, a class and an instance of
// it across a durable await (test/versions/identity-across-processes.test.ts):
// after a resume in another process they must be the very objects that
// process's modules hold, not copies.
import * as dispatch from "dispatch-ts";
import { echo, shout } from "./formats.js";

export const settings = { greeting: "hello", loadedBy: process.pid };

export class Tally {
  count = 0;
  add(n: number): this {
    this.count += n;
    return this;
  }
}

const marker = Symbol("marker");

export const hold = dispatch.function(async function hold() {
  const held = { settings, shout, Tally, tally: new Tally().add(2), marker };
  const said = await echo("hi");
  return {
    said,
    singleton: held.settings === settings,
    singletonLoadedBy: held.settings.loadedBy,
    importedFunction: held.shout === shout,
    shouted: held.shout(said),
    klass: held.Tally === Tally,
    instance: held.tally instanceof Tally && Object.getPrototypeOf(held.tally) === Tally.prototype,
    instanceWorks: held.tally.add(3).count,
    symbol: held.marker === marker,
  };
});
