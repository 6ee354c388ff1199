// `tspc --noEmit` (a type-check step) reports the dispatch-ts diagnostics too. The transform
// reports them while it lowers each file, at emit; with noEmit (or emitDeclarationOnly) tsc
// still calls program.emit but no JavaScript is transformed, so they would be lost. This
// ts-patch program transformer — `{ "transform": "dispatch-ts/transformer", "import":
// "checkProgram", "transformProgram": true }` — wraps that emit call in those modes only and
// adds what the checker finds in each file, as the emit would have; tsc prints them and
// counts them in its exit status like any diagnostic. With JavaScript emit it changes
// nothing (the transform reports them), so the two entries never report a finding twice.
import ts = require("./typescript-api.cjs");
import { checkSourceFile, isCheckedFile, transformModeOf, type CheckMode } from "./diagnostics/check-source-file.js";

export function checkProgram(program: ts.Program, _host: ts.CompilerHost | undefined, config: { mode?: CheckMode } = {}): ts.Program {
  const options = program.getCompilerOptions();
  if (options.noEmit !== true && options.emitDeclarationOnly !== true) return program;
  const mode = config.mode ?? transformModeOf(options);
  const emit = program.emit;
  program.emit = (target, ...rest) => {
    const result = emit.call(program, target, ...rest);
    const files = target !== undefined ? [target] : program.getSourceFiles();
    const ours = files.filter((sf) => isCheckedFile(sf, program)).flatMap((sf) => checkSourceFile(sf, program, mode));
    return ours.length === 0 ? result : { ...result, diagnostics: [...result.diagnostics, ...ours] };
  };
  return program;
}
