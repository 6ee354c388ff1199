// The checker's entry point for callers that only want the diagnostics of a
// file, without transforming it: the language-service plugin (editors) and
// the `tspc --noEmit` program check. It asks the same questions as the
// transform (transform-file.ts): the functions the transformer lowers, and
// the generators lowered with them, checked against the caller's Program.
import ts = require("typescript");
import { loweredRoles } from "../find-durable.js";
import { findGenerators } from "../lower-generator.js";
import { diagnoseFile } from "./check-file.js";

export type CheckMode = "marked" | "all-async";

/** The dispatch-ts diagnostics of one source file of `program` (what tspc reports for it at emit). */
export function checkSourceFile(sf: ts.SourceFile, program: ts.Program, mode: CheckMode): ts.Diagnostic[] {
  const roles = loweredRoles(sf, mode);
  const generators = roles.size === 0 ? [] : findGenerators(sf);
  return diagnoseFile(sf, roles, { mode, program, generators });
}

/** Whether the transformer handles this file at all: the program's own sources, not declarations or libraries. */
export function isCheckedFile(sf: ts.SourceFile, program: ts.Program): boolean {
  return !sf.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sf);
}

/**
 * The mode of the transform entry (`{ "transform": "dispatch-ts/transformer", "mode": ... }`) in
 * compilerOptions.plugins, so that the checks outside emit see what the transform lowers.
 */
export function transformModeOf(options: ts.CompilerOptions): CheckMode {
  const plugins = (options.plugins ?? []) as ReadonlyArray<{ transform?: unknown; mode?: unknown; transformProgram?: unknown }>;
  const entry = plugins.find((p) => typeof p.transform === "string" && /(^|\/)dispatch-ts\/transformer$|dist\/transformer\/plugin\.js$/.test(p.transform) && p.transformProgram !== true);
  return entry?.mode === "all-async" ? "all-async" : "marked";
}
