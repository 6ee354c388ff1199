// The one checker of dispatch-ts: every diagnostic the transformer reports
// about a file comes from here (the lowering adds only what it finds while
// splitting expressions, under code 99001). Without a Program (transformSource,
// the Vite plugin) it runs the syntactic checks; with one (the tspc plugin) it
// adds the checks that need the type checker: unserializable frame state,
// unmarked async functions that await durable calls, mixed combinators, and
// wire names shared across modules.
import ts = require("typescript");
import { dirname, relative } from "node:path";
import { loweredRoles, type DurableRole } from "../find-durable.js";
import { analyzeScopes, type ScopeInfo } from "../scope.js";
import { Diag } from "./codes.js";
import { checkCalls } from "./check-calls.js";
import { checkFrameState } from "./check-frame-state.js";
import { checkTemporaries } from "./check-temporaries.js";
import { checkRegistrations, checkUnsupported, type WireName } from "./check-syntax.js";
import { memoOf, programFacts, type ProgramFacts } from "./program-facts.js";
import { Reporter } from "./reporter.js";

export interface DiagnoseOptions {
  mode: "marked" | "all-async";
  /** The program the file belongs to: enables the type-based checks. */
  program?: ts.Program;
  /** Generators the driver lowers: their bodies move into frames, so the same constructs are refused there. */
  generators?: readonly ts.Node[];
  /** The scope analysis of the file for exactly the roles' functions, when the caller has it already. */
  scopes?: ScopeInfo;
}

/**
 * Diagnoses one file. `roles` are the functions the driver lowers (findDurable,
 * without the helpers that never await).
 */
export function diagnoseFile(sf: ts.SourceFile, roles: ReadonlyMap<ts.Node, DurableRole>, options: DiagnoseOptions): ts.Diagnostic[] {
  const reporter = new Reporter(sf);
  const generators = options.generators ?? [];
  checkUnsupported(generators.length === 0 ? roles : new Map([...roles, ...generators.map((g): [ts.Node, DurableRole] => [g, { kind: "helper" }])]), reporter);
  if (options.program === undefined) {
    checkRegistrations(sf, roles, reporter);
    return reporter.diagnostics;
  }
  const facts = programFacts(options.program, options.mode);
  // The program's wire names were collected with each file's own registration diagnostics (one
  // walk per file for both); they are the file's answer when the roles are the driver's.
  const own = roles === loweredRoles(sf, options.mode) ? programRegistrations(facts).get(sf) : undefined;
  let names: readonly WireName[];
  if (own !== undefined) {
    reporter.diagnostics.push(...own.diagnostics);
    names = own.names;
  } else names = checkRegistrations(sf, roles, reporter);
  checkSharedWireNames(facts, sf, names, reporter);
  if (roles.size === 0) return reporter.diagnostics;
  const lowered = new Set(roles.keys());
  const scopes = options.scopes ?? analyzeScopes(sf, lowered);
  for (const fn of lowered) {
    const f = fn as ts.FunctionLikeDeclaration;
    try {
      checkFrameState(facts, f, scopes, lowered, reporter);
      checkTemporaries(facts, f, reporter);
      checkCalls(facts, f, reporter);
    } catch (e) {
      // A bug of the checker must not stop the build, nor hide: it is reported where it happened.
      reporter.report(Diag.internal, f, `dispatch-ts could not check this durable function (an internal error; please report it): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return reporter.diagnostics;
}

/** Wire names this module shares with other modules of the program (a warning: they clash only if both load in one process). */
function checkSharedWireNames(facts: ProgramFacts, sf: ts.SourceFile, names: readonly WireName[], reporter: Reporter): void {
  if (names.length === 0) return;
  const all = programWireNames(facts);
  for (const w of names) {
    const other = all.get(w.name)?.find((o) => o.at.getSourceFile() !== sf);
    if (other === undefined) continue;
    const file = relative(dirname(sf.fileName), other.at.getSourceFile().fileName).split("\\").join("/");
    reporter.report(Diag.duplicateWireNameAcrossModules, w.at, `the wire name "${w.name}" is also used by a dispatch.function in ${file}; if both modules are loaded in one process, the second fails to register; give one of them another name with dispatch.function({ name: "..." }, ...)`, [
      { node: other.at, message: `"${w.name}" is also used here` },
    ]);
  }
}

/** The registrations of every module of the program: the wire names and the diagnostics of each file, computed once. */
function programRegistrations(facts: ProgramFacts): Map<ts.SourceFile, { names: WireName[]; diagnostics: readonly ts.Diagnostic[] }> {
  const memo = memoOf<Map<ts.SourceFile, { names: WireName[]; diagnostics: readonly ts.Diagnostic[] }>>(facts, "registrations");
  const key = facts.program.getSourceFiles()[0];
  const hit = key && memo.get(key);
  if (hit) return hit;
  const out = new Map<ts.SourceFile, { names: WireName[]; diagnostics: readonly ts.Diagnostic[] }>();
  for (const file of facts.program.getSourceFiles()) {
    if (file.isDeclarationFile || facts.program.isSourceFileFromExternalLibrary(file)) continue;
    // The roles the driver lowers: the ones diagnoseFile is given for the file.
    const reporter = new Reporter(file);
    const names = checkRegistrations(file, loweredRoles(file, facts.mode), reporter);
    out.set(file, { names, diagnostics: reporter.diagnostics });
  }
  if (key) memo.set(key, out);
  return out;
}

/** The wire names of every module of the program, computed once. */
function programWireNames(facts: ProgramFacts): Map<string, WireName[]> {
  const memo = memoOf<Map<string, WireName[]>>(facts, "wireNames");
  const key = facts.program.getSourceFiles()[0];
  const hit = key && memo.get(key);
  if (hit) return hit;
  const out = new Map<string, WireName[]>();
  for (const { names } of programRegistrations(facts).values()) {
    for (const w of names) {
      const list = out.get(w.name) ?? [];
      list.push(w);
      out.set(w.name, list);
    }
  }
  if (key) memo.set(key, out);
  return out;
}
