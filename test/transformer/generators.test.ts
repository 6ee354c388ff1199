// Which generators the transform lowers (transformer/lower-generator.ts), and
// that the constructs refused in durable bodies are refused in them too. The
// semantics of lowered generators are checked by the differential fixtures.
import { describe, expect, it } from "vitest";
import { transformSource, formatDiagnostic } from "../../transformer/transform-source.js";

const transform = (source: string) => {
  const r = transformSource(source, { fileName: "gen.ts", root: "." });
  return { code: r.code, diagnostics: r.diagnostics.map(formatDiagnostic) };
};

describe("transform: generators", () => {
  it("lowers top-level generators and generator methods of a module with durable code, and leaves generators inside functions native", () => {
    const { code, diagnostics } = transform(`"use durable";
function* top() { yield 1; }
class C { *m() { yield 2; } static *s() { yield 3; } }
const o = { *k() { yield 4; } };
function outer() { return function* inner() { yield 5; }; }
export async function f() { await null; return [...top(), ...new C().m(), ...C.s(), ...o.k(), ...outer()()]; }
`);
    expect(diagnostics).toEqual([]);
    expect(code).toContain(`$rt.generator($d0, function top()`);
    expect(code).toMatch(/"home":"C\.prototype\.m"/);
    expect(code).toMatch(/"home":"C\.s"/);
    expect(code).toMatch(/"home":"o\.k"/);
    expect(code).toContain("function* inner()");
    expect(code.match(/function\*|\*m\(|\*s\(|\*k\(/g)).toEqual(["function*"]);
  });

  it("leaves generators of a module without durable code alone", () => {
    const { code } = transform(`function* top() { yield 1; }\nexport const xs = [...top()];\n`);
    expect(code).toContain("function* top()");
    expect(code).not.toContain("$rt");
  });

  it("refuses direct eval in a lowered generator, as in a durable body", () => {
    const { diagnostics } = transform(`"use durable";\nfunction* g(x: number) { yield eval("x"); }\nexport async function f() { await null; return [...g(1)]; }\n`);
    expect(diagnostics).toEqual(['gen.ts:2:32: not supported: direct eval in a durable function (it could read locals the compiler moved into the frame); use indirect (0, eval)(...)']);
  });
});
