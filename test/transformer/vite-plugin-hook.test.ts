// The Vite plugin's transform hook, called as Vite calls it: which files it
// lowers, which it leaves to Vite, the root its frame ids are relative to, and
// how a diagnostic stops the build (the end-to-end vitest project is in test/e2e).
import { describe, expect, it } from "vitest";
import dispatchVitePlugin from "../../transformer/vite-plugin.js";
import { ABI } from "../../runtime/abi.js";

const DURABLE = `import * as dispatch from "dispatch-ts";\nexport const f = dispatch.function(async function f(n: number) { return (await g(n)) + 1; });\nconst g = dispatch.function(async function g(n: number) { return n; });\n`;

describe("dispatch-ts/vite transform hook", () => {
  it("lowers a module with durable code and returns its source map", () => {
    const plugin = dispatchVitePlugin();
    plugin.configResolved({ root: "/project" });
    const r = plugin.transform(DURABLE, "/project/src/app.ts?v=123");
    expect(r).not.toBeNull();
    expect(r!.code).toContain(`$rt.module("src/app.ts", ${ABI})`);
    expect(JSON.parse(r!.map!).sources).toEqual(["app.ts"]);
  });

  it("takes frame ids relative to the root option over Vite's root", () => {
    const plugin = dispatchVitePlugin({ root: "/project/src" });
    plugin.configResolved({ root: "/project" });
    expect(plugin.transform(DURABLE, "/project/src/app.ts")!.code).toContain(`$rt.module("app.ts", ${ABI})`);
  });

  it("leaves to Vite what is not a source file, dependencies, and modules without durable code", () => {
    const plugin = dispatchVitePlugin({ root: "/project" });
    expect(plugin.transform(DURABLE, "/project/src/style.css")).toBeNull();
    expect(plugin.transform(DURABLE, "/project/node_modules/lib/index.js")).toBeNull();
    expect(plugin.transform("export const x = 1;\n", "/project/src/plain.ts")).toBeNull();
    // It mentions the runtime but lowers nothing: Vite keeps the file as it is.
    expect(plugin.transform('import { sendEvent } from "dispatch-ts";\nexport const send = () => sendEvent("k", 1);\n', "/project/src/send.ts")).toBeNull();
  });

  it("registers the bindings of a module of classes without durable code, unless told not to", () => {
    const models = "export class User { constructor(public name: string) {} }\nexport const admin = new User('ada');\n";
    const r = dispatchVitePlugin({ root: "/project" }).transform(models, "/project/src/models.ts");
    expect(r!.code).toContain(`$rt.module("src/models.ts", ${ABI})`);
    expect(r!.code).toContain("$m.refs({ User })");
    expect(r!.code).toContain("$m.refs({ admin:");
    expect(dispatchVitePlugin({ root: "/project", registerModules: false }).transform(models, "/project/src/models.ts")).toBeNull();
    // Only types: nothing to register.
    expect(dispatchVitePlugin({ root: "/project" }).transform("export interface Shape { kind: string }\nexport declare class Ambient {}\n", "/project/src/types.ts")).toBeNull();
  });

  it("lowers every async function of a file in all-async mode", () => {
    const plugin = dispatchVitePlugin({ root: "/project", mode: "all-async" });
    const r = plugin.transform('"use durable";\nexport async function h(x) { return await x; }\n', "/project/src/h.js");
    expect(r!.code).toContain("$rt.helper(");
  });

  it("stops the build on a diagnostic, naming the file and line", () => {
    const plugin = dispatchVitePlugin({ root: "/project" });
    const bad = 'import * as dispatch from "dispatch-ts";\nexport const f = dispatch.function(async function f(o: object) {\n  with (o) { await 1; }\n});\n';
    expect(() => plugin.transform(bad, "/project/src/bad.ts")).toThrow(/bad\.ts.*3/);
  });
});
