// `tspc --noEmit` (a type-check step) reports the dispatch-ts diagnostics too. The transform
// reports them while it lowers each file, at emit; with noEmit (or emitDeclarationOnly) tsc
// still calls program.emit but no JavaScript is transformed, so they would be lost. This
// ts-patch program transformer — `{ "transform": "dispatch-ts/transformer", "import":
// "checkProgram", "transformProgram": true }` — wraps that emit call in those modes only and
// adds what the checker finds in each file, as the emit would have; tsc prints them and
// counts them in its exit status like any diagnostic. With JavaScript emit it changes
// nothing (the transform reports them), so the two entries never report a finding twice.
//
// An incremental build (`incremental` or `composite`) goes through tsc's builder, which never
// calls the program's emit under --noEmit and remembers each file's semantic diagnostics in
// the .tsbuildinfo: there the findings are added to the file's bind-and-check diagnostics
// instead (the builder's one call per changed file), so they are kept with TypeScript's own
// and printed again by the next build while the file and what it depends on are unchanged.
import ts = require("typescript");
import { checkSourceFile, isCheckedFile, transformModeOf, type CheckMode } from "./diagnostics/check-source-file.js";

export function checkProgram(program: ts.Program, _host: ts.CompilerHost | undefined, config: { mode?: CheckMode } = {}): ts.Program {
  const options = program.getCompilerOptions();
  if (options.noEmit !== true && options.emitDeclarationOnly !== true) return program;
  const mode = config.mode ?? transformModeOf(options);
  const internal = program as ts.Program & BuilderFacing;
  const bindAndCheck = internal.getBindAndCheckDiagnostics;
  if ((options.incremental === true || options.composite === true) && typeof bindAndCheck === "function") {
    internal.getBindAndCheckDiagnostics = (sf, token) => {
      const own = bindAndCheck.call(program, sf, token);
      if (!isCheckedFile(sf, program)) return own;
      const ours = checkSourceFile(sf, program, mode);
      return ours.length === 0 ? own : [...own, ...ours];
    };
    return program;
  }
  const emit = program.emit;
  program.emit = (target, ...rest) => {
    const result = emit.call(program, target, ...rest);
    const files = target !== undefined ? [target] : program.getSourceFiles();
    const ours = files.filter((sf) => isCheckedFile(sf, program)).flatMap((sf) => checkSourceFile(sf, program, mode));
    return ours.length === 0 ? result : { ...result, diagnostics: [...result.diagnostics, ...ours] };
  };
  return program;
}

/** The Program method tsc's builder calls once per changed file (internal to TypeScript, present in 5.x and 6). */
interface BuilderFacing {
  getBindAndCheckDiagnostics?(sf: ts.SourceFile, token?: ts.CancellationToken): readonly ts.Diagnostic[];
}
