// Each diagnostic of docs/DIAGNOSTICS.md at its exact place: the cases in
// test/diagnostics/cases/ are compiled as one program with the real TypeScript
// compiler and the tspc plugin (the function ts-patch loads, given the Program
// and addDiagnostic), and each file's diagnostics are compared as
// "line:column code category [covered text]", plus the words of the message
// that name the local and what to do.
import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { compileFiles, compileSources, type Found } from "./compile.js";
import { transformSource, formatDiagnostic } from "../../transformer/transform-source.js";
import { Diag } from "../../transformer/diagnostics/codes.js";

const CASES = join(import.meta.dirname, "cases");
let found: Found[];

beforeAll(() => {
  const r = compileFiles(readdirSync(CASES).map((f) => join(CASES, f)));
  expect(r.typeErrors).toEqual([]);
  found = r.found;
}, 120_000);

/** The diagnostics of one case file, in report order, as "line:column code category [text]". */
function at(file: string): string[] {
  return found.filter((f) => basename(f.file) === file).map((f) => `${f.line}:${f.column} ${f.code} ${f.category} [${f.text.split("\n")[0]}]`);
}
function messages(file: string): string[] {
  return found.filter((f) => basename(f.file) === file).map((f) => f.message);
}

describe("99002/99003: unserializable state at a durable await, at the local and at the await", () => {
  it("a socket held across a durable call", () => {
    const got = at("unserializable-locals.ts").slice(0, 2);
    expect(got).toEqual(["19:9 99002 error [conn]", "20:13 99003 error [await step(port)]"]);
    expect(messages("unserializable-locals.ts")[0]).toBe(
      "cannot keep `conn` (instance of class Socket) in the frame of `socket`: it is live at the durable await on line 20, and it cannot be serialized; its state lives in the platform, not in the object; keep plain data (an id, a URL, options) and re-create it after the await",
    );
  });

  it("every kind the codec refuses by type, and none of the values it copies", () => {
    const got = at("unserializable-locals.ts").filter((l) => /^(2[6-9]|3[0-4]):/.test(l));
    expect(got.filter((l) => l.includes("99002"))).toEqual([
      "26:9 99002 error [seen]",
      "27:9 99002 error [keys]",
      "28:9 99002 error [gen]",
      "29:9 99002 error [pending]",
      "30:9 99002 error [tag]",
      "31:9 99002 error [counter]",
      "32:9 99002 error [abort]",
    ]);
    // `ok` (a Date, an array, a Map of numbers in an object) is not reported; each pair names its await.
    expect(got.filter((l) => l.includes("99003"))).toEqual(Array(7).fill("34:3 99003 error [await step(n)]"));
    const text = messages("unserializable-locals.ts").join("\n");
    for (const what of ["`seen` (WeakMap)", "`keys` (iterator)", "`gen` (generator object)", "`pending` (Promise)", "`tag` (symbol made by Symbol())", "`counter` (instance of class PlainCounter (it has #private members, declared in a module without durable code))", "`abort` (instance of class AbortController)"]) {
      expect(text).toContain(`cannot keep ${what} in the frame of \`kinds\``);
    }
  });

  it("inside arrays and object literals, with the path to the value", () => {
    expect(at("unserializable-locals.ts").filter((l) => /^(39|40|41):/.test(l))).toEqual([
      "39:9 99002 error [conns]",
      '41:3 99003 error [await dispatch.sleep("1s")]',
      "40:9 99002 error [holder]",
      '41:3 99003 error [await dispatch.sleep("1s")]',
    ]);
    const text = messages("unserializable-locals.ts").join("\n");
    expect(text).toContain("`conns` (instance of class Socket at conns[number])");
    expect(text).toContain("`holder` (WeakRef at holder.ref)");
  });

  it("a local written after an ordinary await is still in the frame at the durable await of the same iteration", () => {
    expect(at("unserializable-locals.ts").filter((l) => /^(48|49):/.test(l))).toEqual(["48:11 99002 error [res]", "49:14 99003 error [await step(res.status)]"]);
  });

  it("generator objects and #private instances by where their code is declared: what the run time saves is not reported", () => {
    // `saved` holds lowered generators' objects (one typed IterableIterator) and instances of #private
    // classes of modules with durable code (a subclass in the same module, one with #private members of its own).
    expect(found.filter((f) => f.message.includes("`saved`"))).toEqual([]);
    expect(at("unserializable-locals.ts").filter((l) => /^(9[89]|10[01]|11[56]):/.test(l))).toEqual([
      "98:9 99002 error [gen]",
      "101:3 99003 error [await step(n)]",
      "99:9 99002 error [sub]",
      "101:3 99003 error [await step(n)]",
      "100:9 99002 error [ledger]",
      "101:3 99003 error [await step(n)]",
      "115:11 99002 error [b]",
      "116:5 99003 error [await step(n)]",
    ]);
    const text = messages("unserializable-locals.ts").join("\n");
    expect(text).toContain("`gen` (generator object) in the frame of `refusedByOrigin`");
    expect(text).toContain("only generators declared outside any function in a module with durable code are saved");
    expect(text).toContain("`sub` (instance of class SubPlain (it extends PlainCounter, which has #private members, from another module))");
    expect(text).toContain("`ledger` (instance of class SubLedger (it extends Ledger, which has #private members, from another module))");
    expect(text).toContain("`b` (instance of class Blocked (it has #private state, and the class is not declared at the top level of its module))");
    expect(messages("plain.ts")).toEqual([]);
  });

  it("generator objects whose maker the checker can follow: a platform iterator is reported, a parameter, a plain function's or an ambient one's result is left to the run time", () => {
    expect(at("generator-origins.ts")).toEqual(["17:9 99002 error [fromPlatform]", "18:3 99003 error [await step(n)]"]);
  });

  it("#private classes extending built-ins: Map, Array and Error are saved, another built-in only with toDurable/fromDurable", () => {
    expect(at("private-builtin-bases.ts").slice(0, 2)).toEqual(["42:9 99002 error [params]", "44:3 99003 error [await step(n)]"]);
    expect(messages("private-builtin-bases.ts")[0]).toContain(
      "`params` (instance of class Params (it has #private state and extends URLSearchParams, a built-in whose internal state is not saved with it))",
    );
    expect(messages("private-builtin-bases.ts")[0]).toContain("give Params toDurable() and a static fromDurable()");
  });

  it("a #private class over a class of a module without durable code (the run time cannot see that class's #private fields)", () => {
    // OverDurable extends Ledger, a #private class of a module with durable code: saved, not reported.
    expect(at("private-builtin-bases.ts").slice(2)).toEqual(["58:9 99002 error [plain]", "60:3 99003 error [await step(n)]"]);
    expect(messages("private-builtin-bases.ts")[2]).toContain(
      "`plain` (instance of class OverPlain (it has #private state and extends PlainBase, a class of a module without durable code))",
    );
    expect(messages("plain.ts")).toEqual([]);
  });
});

describe("99002: classes declared inside a durable function", () => {
  it("the class (an anonymous class expression by the name it initializes) and its instances", () => {
    expect(at("local-classes.ts")).toEqual([
      "6:9 99002 error [Counter]",
      "12:3 99003 error [await step(base)]",
      "9:9 99002 error [Named]",
      "12:3 99003 error [await step(base)]",
      "10:9 99002 error [c]",
      "12:3 99003 error [await step(base)]",
      "11:9 99002 error [named]",
      "12:3 99003 error [await step(base)]",
    ]);
    const text = messages("local-classes.ts").join("\n");
    expect(text).toContain("cannot keep `Counter` (class Counter declared inside a function)");
    expect(text).toContain("cannot keep `c` (instance of class Counter, declared inside a function)");
    expect(text).toContain("move the class to module level");
  });
});

describe("99002: closures that cannot be lifted, by what they read", () => {
  it("a closure over a class declared in a block and one over `new.target` of a plain function; counters, loop closures, object methods, arrows over `arguments`, catch and case bindings (also of a switch split around an await) and block functions are lifted", () => {
    expect(at("closures.ts")).toEqual(["6:7 99002 error [fromClass]", "18:3 99003 error [await step(n)]", "13:7 99002 error [fromPlain]", "18:3 99003 error [await step(n)]"]);
    const text = messages("closures.ts").join("\n");
    expect(text).toContain("cannot keep `fromClass` (closure that cannot be saved (it reads `Box`, which can live neither in this frame nor in an environment");
    expect(text).toContain("read it into a let/const of this durable function");
    expect(text).toContain("cannot keep `fromPlain` (closure that cannot be saved (it uses `new.target`)");
  });
});

describe("99004: an unserializable temporary", () => {
  it("an operand evaluated before the durable await in the same call", () => {
    expect(at("temporaries.ts")[0]).toBe("12:17 99004 error [new AbortController()]");
    expect(messages("temporaries.ts")[0]).toContain("store the awaited value in a local first");
  });

  it("what a for-of loop iterates, when its body waits durably (not map.entries(): a by-position cursor; not a lowered generator)", () => {
    expect(at("temporaries.ts").slice(2)).toEqual(["31:19 99004 error [plainPages()]"]);
    expect(messages("temporaries.ts")[2]).toContain("the loop holds its generator object while the durable await on line 31 waits");
  });

  it("a temporary of an ordinary await stays in the frame until a later durable await", () => {
    expect(at("temporaries.ts").slice(1, 2)).toEqual(["20:20 99004 error [new AbortController()]"]);
    expect(messages("temporaries.ts")[1]).toContain("it is evaluated before the await on line 20, so the frame holds it as a temporary, and it is still there at the durable await on line 21");
  });
});

describe("99005: a durable body calling an unmarked async function that awaits durable calls", () => {
  it("directly and through another unmarked function; not an unmarked function that awaits nothing durable", () => {
    expect(at("unmarked.ts").slice(0, 2)).toEqual(["18:19 99005 error [twice(n)]", "19:19 99005 error [viaTwice(a)]"]);
    expect(messages("unmarked.ts")[0]).toBe(
      '`twice` is an ordinary async function that awaits durable calls, so calling it from the durable function `caller` fails at run time; mark it with dispatch.durable(...) (or put "use durable" at the top of its file), or await the durable calls in `caller` itself',
    );
  });

  it("not at an async arrow inside a durable body: it is a durable helper, lowered like its enclosing body", () => {
    expect(at("unmarked.ts").slice(2)).toEqual([]);
  });

  it("is not reported in mode all-async, where every async function is durable", () => {
    const r = compileSources({ "steps.ts": readFileSync(join(CASES, "steps.ts"), "utf8"), "unmarked.ts": readFileSync(join(CASES, "unmarked.ts"), "utf8") }, { mode: "all-async", typeErrors: false });
    expect(r.found.filter((f) => f.code === Diag.unmarkedAwaitsDurable.code)).toEqual([]);
  });
});

describe("99006: a combinator mixing durable calls and ordinary promises", () => {
  it("Promise.race and dispatch.gather, at the ordinary promise; not combinators of one kind", () => {
    expect(at("mixed.ts")).toEqual(["10:46 99006 error [lookup(n)]", "11:47 99006 error [lookup(2)]"]);
    expect(messages("mixed.ts")[1]).toMatch(/^dispatch\.gather mixes durable calls and this ordinary promise/);
  });
});

describe("99001: unsupported constructs", () => {
  it("direct eval", () => {
    expect(at("unsupported.ts")).toEqual(["7:10 99001 error [eval(code)]"]);
  });

  it("with, reported by transformSource too (no Program needed)", () => {
    const src = '"use durable";\nasync function f(o) {\n  with (o) {\n    y();\n  }\n  await x;\n}\n';
    const r = transformSource(src, { fileName: "sloppy.js", root: "." });
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      "sloppy.js:3:3: not supported: `with` in a durable function (its scope cannot be saved in a frame); name the object's properties explicitly",
    ]);
  });
});

describe("99007-99010: dispatch.function misuse", () => {
  it("not async, an invalid wire name, not written inline, a duplicate wire name in one module", () => {
    expect(at("registrations.ts")).toEqual(["4:43 99007 error [function notAsync(n: number) {]", '8:50 99008 error ["send-email"]', "24:46 99011 error [defined]", "16:56 99009 error [charge]"]);
  });

  it("decorators on what is not an async method, at the decorator; decorated methods' wire names; no 99005 at calls of decorated methods", () => {
    expect(at("decorators.ts")).toEqual(["24:3 99007 error [@dispatch.function]", "30:3 99007 error [@dispatch.durable]", "36:3 99007 error [@dispatch.function]", '44:30 99009 error ["decoratedTwice"]']);
    expect(messages("decorators.ts").slice(0, 3).map((m) => m.split(": the transformer")[0])).toEqual([
      "@dispatch.function marks async methods, and this is a method that is not async",
      "@dispatch.durable marks async methods, and this is an accessor",
      "@dispatch.function marks async methods, and this is a field",
    ]);
    expect(messages("decorators.ts")[0]).toContain("make it `async`");
  });

  it("a wire name shared by two modules is a warning at both", () => {
    expect(at("shared-name-a.ts")).toEqual(["4:56 99010 warning [notify]"]);
    expect(at("shared-name-b.ts")).toEqual(['4:54 99010 warning ["notify"]']);
    expect(messages("shared-name-a.ts")[0]).toContain("also used by a dispatch.function in shared-name-b.ts");
  });

  it("transformSource reports the syntactic ones, without a Program", () => {
    const r = transformSource(readFileSync(join(CASES, "registrations.ts"), "utf8"), { fileName: "registrations.ts", root: "." });
    expect(r.diagnostics.map((d) => `${d.code} ${formatDiagnostic(d).split(": ")[0]}`)).toEqual(["99007 registrations.ts:4:43", "99008 registrations.ts:8:50", "99011 registrations.ts:24:46", "99009 registrations.ts:16:56"]);
  });

  it("transformSource leaves the type-based ones to tspc", () => {
    const r = transformSource(readFileSync(join(CASES, "unserializable-locals.ts"), "utf8"), { fileName: "unserializable-locals.ts", root: "." });
    expect(r.diagnostics).toEqual([]);
  });
});

describe("dispatch-ts-ignore", () => {
  it("silences the diagnostic on the next line and the await paired with it", () => {
    expect(at("ignored.ts")).toEqual([]);
  });
});

describe("docs/DIAGNOSTICS.md", () => {
  it("documents every code", () => {
    const doc = readFileSync(join(import.meta.dirname, "../../docs/DIAGNOSTICS.md"), "utf8");
    for (const d of Object.values(Diag)) expect(doc.includes(`### TS${d.code} ${d.title} (${d.category === 1 ? "error" : "warning"})`), `TS${d.code} ${d.title}`).toBe(true);
  });
});

describe("99002/99003: promises", () => {
  it("an ordinary promise stays in the frame after it is awaited, and is reported with the fix", () => {
    expect(at("unserializable-locals.ts").filter((l) => /^(5[5-9]):/.test(l))).toEqual(["55:9 99002 error [response]", "57:20 99003 error [await step(status)]"]);
    expect(messages("unserializable-locals.ts").find((m) => m.startsWith("cannot keep `response`"))).toContain("even once settled: await the work without keeping its promise (`const r = await work()`)");
  });
});
