// Instances with #private fields held across durable calls are part of the
// state: each step of the run here happens in a new process, which loads the
// module, decodes the state and restores the private fields without running a
// constructor (test/engine/programs/private-state.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileForChild, runAcrossProcesses } from "./resume-across-processes.js";

const ROOT = resolve(import.meta.dirname, "../..");
const WORK = join(ROOT, ".cache", `private-state-${process.pid}`);
const SOURCE = join(ROOT, "test/engine/programs/private-state.ts");
const MODULE = join(WORK, "private-state.mjs");

beforeAll(() => {
  mkdirSync(WORK, { recursive: true });
  compileForChild(SOURCE, MODULE);
  writeFileSync(join(WORK, "foreign-wallet.mjs"), `import { Wallet } from "./private-state.mjs";\nexport class ForeignWallet extends Wallet {}\n`);
});

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

describe("engine: #private fields in state", () => {
  it("an instance's private fields and private methods work after a resume in a new process", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "fillWallet", [[1, 2, 3]]);
    expect(calls).toEqual(["square(1)", "square(2)", "square(3)"]);
    expect(exit).toEqual({ output: "ann: 14" });
  }, 60_000);

  it("an instance with private fields passed as a call's argument or result keeps them (the value codec)", async () => {
    const mod = (await import(MODULE)) as { Wallet: new (owner: string) => { add(n: number): void; summary(): string } };
    // The build's codec: the transformed module registers its classes with the build's runtime.
    const built = "../../dist/runtime/engine/value-codec.js";
    const { valueCodec } = (await import(built)) as { valueCodec: { encode(v: unknown): Uint8Array; decode(b: Uint8Array): unknown } };
    const w = new mod.Wallet("bo");
    w.add(4);
    const back = valueCodec.decode(valueCodec.encode(w)) as typeof w;
    expect(back).toBeInstanceOf(mod.Wallet);
    expect(back).not.toBe(w);
    expect(back.summary()).toBe("bo: 4");
  });

  it("an instance of a subclass declared in a module without durable code is refused, naming both classes and the fix", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "foreignSubclass", []);
    expect(calls).toEqual([]);
    expect(exit?.error).toMatch(/cannot save an instance of class ForeignWallet: it extends Wallet, which has #private fields, and the compiler did not register the subclass .*; declare the subclass next to Wallet/);
  }, 60_000);

  it("an instance of a class with private fields that is not declared at the top level is refused, naming the class and the fix", () => {
    const { exit, calls } = runAcrossProcesses(MODULE, "hiddenClass", []);
    expect(calls).toEqual([]);
    expect(exit?.error).toMatch(/cannot save an instance of class Hidden: it has #private fields and the class is not declared at the top level of its module.*move the class to the top level/);
  }, 60_000);
});
