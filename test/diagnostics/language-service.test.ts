// The language-service plugin (what an editor runs) over a real ts.LanguageService: the
// diagnostic cases as a project, the plugin created the way tsserver creates it
// (`create(info)` with the service to wrap and a logger), and getSemanticDiagnostics asked
// per file. It must report what tspc reports at emit, at the same places, keep the
// service's own type errors, follow edits, honour `// dispatch-ts-ignore`, and never throw.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ts from "typescript";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { COMPILER_OPTIONS, compileFiles, ROOT } from "./compile.js";
import { create } from "../../transformer/language-service.js";

const CASES = join(import.meta.dirname, "cases");
const OPTIONS: ts.CompilerOptions = {
  ...COMPILER_OPTIONS,
  plugins: [{ transform: "dispatch-ts/transformer" } as unknown as ts.PluginImport, { name: "dispatch-ts/language-service" }],
};

/** An in-memory host over real files: `edit` replaces a file's text as an editor buffer would. */
class Host implements ts.LanguageServiceHost {
  private readonly texts = new Map<string, { text: string; version: number }>();
  constructor(readonly files: string[]) {}
  edit(file: string, text: string): void {
    this.texts.set(file, { text, version: (this.texts.get(file)?.version ?? 0) + 1 });
  }
  getCompilationSettings = (): ts.CompilerOptions => OPTIONS;
  getScriptFileNames = (): string[] => this.files;
  getScriptVersion = (f: string): string => String(this.texts.get(f)?.version ?? 0);
  getScriptSnapshot = (f: string): ts.IScriptSnapshot | undefined => {
    const open = this.texts.get(f);
    if (open) return ts.ScriptSnapshot.fromString(open.text);
    return ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)!) : undefined;
  };
  getCurrentDirectory = (): string => CASES;
  getDefaultLibFileName = (o: ts.CompilerOptions): string => ts.getDefaultLibFilePath(o);
  fileExists = ts.sys.fileExists;
  readFile = ts.sys.readFile;
  readDirectory = ts.sys.readDirectory;
  directoryExists = ts.sys.directoryExists;
  getDirectories = ts.sys.getDirectories;
}

const files = readdirSync(CASES).map((f) => join(CASES, f));
const logged: string[] = [];
let host: Host;
let service: ts.LanguageService;
let plain: ts.LanguageService;

beforeAll(() => {
  host = new Host(files);
  plain = ts.createLanguageService(host, ts.createDocumentRegistry());
  service = create({ languageService: plain, config: { name: "dispatch-ts/language-service" } as never, project: { projectService: { logger: { info: (m: string) => logged.push(m) } } } });
});

afterAll(() => service?.dispose());

/** "line:column code message" for each dispatch-ts diagnostic of a file. */
function ours(file: string, svc = service): string[] {
  return svc
    .getSemanticDiagnostics(join(CASES, file))
    .filter((d) => d.source === "dispatch-ts")
    .map((d) => {
      const p = d.file!.getLineAndCharacterOfPosition(d.start!);
      return `${p.line + 1}:${p.character + 1} ${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

describe("getSemanticDiagnostics with the plugin", () => {
  it("a socket held across a durable call: TS99002 at the local, TS99003 at the await", () => {
    const got = ours("unserializable-locals.ts");
    expect(got[0]).toMatch(/^19:9 99002 cannot keep `conn` \(instance of class Socket\) in the frame of `socket`: it is live at the durable await on line 20/);
    expect(got[1]).toMatch(/^20:13 99003 this durable await keeps `conn` \(instance of class Socket\) in the frame of `socket`/);
  });

  it("an unmarked async function awaiting durable calls: TS99005 at each call", () => {
    const got = ours("unmarked.ts");
    expect(got[0]).toMatch(/^18:19 99005 `twice` is an ordinary async function that awaits durable calls, so calling it from the durable function `caller` fails/);
    expect(got[1]).toMatch(/^19:19 99005 `viaTwice` is an ordinary async function that awaits durable calls/);
  });

  it("reports, for every case file, exactly what tspc reports at emit (same codes, places and messages)", () => {
    const emitted = compileFiles(files, { typeErrors: false }).found;
    for (const file of files.map((f) => basename(f))) {
      const atEmit = emitted.filter((f) => basename(f.file) === file).map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`);
      expect(ours(file), file).toEqual(atEmit);
    }
    expect(emitted.length).toBeGreaterThan(20);
  }, 60_000);

  it("keeps the service's own diagnostics, and adds nothing to a file without durable code", () => {
    const text = readFileSync(join(CASES, "steps.ts"), "utf8");
    host.edit(join(CASES, "steps.ts"), `${text}\nexport const wrong: number = "text";\n`);
    try {
      const all = service.getSemanticDiagnostics(join(CASES, "steps.ts"));
      expect(all.map((d) => d.code)).toEqual([2322]);
      expect(all).toEqual(plain.getSemanticDiagnostics(join(CASES, "steps.ts")));
    } finally {
      host.edit(join(CASES, "steps.ts"), text);
    }
  });

  it("follows an edit: `// dispatch-ts-ignore` above the local silences the pair, removing it brings them back", () => {
    const file = join(CASES, "unserializable-locals.ts");
    const text = readFileSync(file, "utf8");
    const before = ours("unserializable-locals.ts").length;
    host.edit(file, text.replace("  const conn = connect(port);", "  // dispatch-ts-ignore: closed before the await in the real code\n  const conn = connect(port);"));
    try {
      const got = ours("unserializable-locals.ts");
      expect(got.some((l) => l.includes("`conn`"))).toBe(false);
      expect(got.length).toBe(before - 2);
    } finally {
      host.edit(file, text);
    }
    expect(ours("unserializable-locals.ts")[0]).toMatch(/^19:9 99002 cannot keep `conn`/);
  });

  it("a failure inside the plugin never reaches the editor: the service's diagnostics come back and the logger says why", () => {
    const broken = create({
      languageService: { ...plain, getProgram: () => { throw new Error("no program today"); } } as ts.LanguageService,
      project: { projectService: { logger: { info: (m: string) => logged.push(m) } } },
    });
    expect(broken.getSemanticDiagnostics(join(CASES, "unmarked.ts"))).toEqual(plain.getSemanticDiagnostics(join(CASES, "unmarked.ts")));
    expect(logged.some((m) => m.startsWith(`[dispatch-ts] could not check ${join(CASES, "unmarked.ts")}: Error: no program today`))).toBe(true);
  });

  it("passes every other request through to the wrapped service", () => {
    const file = join(CASES, "unmarked.ts");
    expect(service.getSyntacticDiagnostics(file)).toEqual(plain.getSyntacticDiagnostics(file));
    expect(service.getQuickInfoAtPosition(file, readFileSync(file, "utf8").indexOf("twice(n)"))?.displayParts?.map((p) => p.text).join("")).toContain("function twice(n: number)");
  });
});
