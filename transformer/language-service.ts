// The TypeScript language-service plugin: `{ "name": "dispatch-ts/language-service" }` in
// compilerOptions.plugins, beside the transform entry. tsserver (an editor) then shows the
// dispatch-ts diagnostics with the type errors of each file, as tspc reports them at emit:
// it adds, to getSemanticDiagnostics, what the checker finds in the file with the language
// service's own Program. It changes nothing else.
//
// tsserver loads plugins with require() and a factory function: dist/transformer/
// language-service-entry.cjs is that entry, and loads this module (see there why).
import ts = require("typescript");
import { loweredRoles } from "./find-durable.js";
import { checkSourceFile, transformModeOf, type CheckMode } from "./diagnostics/check-source-file.js";

/** The part of tsserver's PluginCreateInfo the plugin uses (tests build one by hand). */
export interface PluginInfo {
  languageService: ts.LanguageService;
  config?: { mode?: unknown };
  project?: { projectService?: { logger?: { info(message: string): void } } };
}

/** Wraps a language service so that getSemanticDiagnostics includes dispatch-ts's diagnostics. */
export function create(info: PluginInfo): ts.LanguageService {
  const inner = info.languageService;
  const log = (message: string): void => {
    try {
      info.project?.projectService?.logger?.info(`[dispatch-ts] ${message}`);
    } catch {
      // A logger that fails has nowhere else to report.
    }
  };
  const proxy: ts.LanguageService = Object.create(null);
  for (const k of Object.keys(inner) as (keyof ts.LanguageService)[]) {
    const m = inner[k];
    (proxy as unknown as Record<string, unknown>)[k] = typeof m === "function" ? (m as (...a: unknown[]) => unknown).bind(inner) : m;
  }
  proxy.getSemanticDiagnostics = (fileName: string): ts.Diagnostic[] => {
    const own = inner.getSemanticDiagnostics(fileName);
    try {
      const program = inner.getProgram();
      const sf = program?.getSourceFile(fileName);
      if (program === undefined || sf === undefined || sf.isDeclarationFile || program.isSourceFileFromExternalLibrary(sf)) return own;
      const mode = modeOf(info, program);
      if (!mayHaveDurableCode(sf, mode)) return own;
      const ours = checkSourceFile(sf, program, mode);
      return ours.length === 0 ? own : [...own, ...ours];
    } catch (e) {
      // Never into the editor: its own diagnostics still show, and the log says what failed.
      log(`could not check ${fileName}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return own;
    }
  };
  return proxy;
}

/** The plugin's `mode` if set, else the transform entry's (what tspc lowers). */
function modeOf(info: PluginInfo, program: ts.Program): CheckMode {
  const own = info.config?.mode;
  if (own === "marked" || own === "all-async") return own;
  return transformModeOf(program.getCompilerOptions());
}

/**
 * A file without durable code and without the runtime's name has nothing to report: the
 * editor pays one text search (and findDurable's own fast path) per request, no checker work.
 */
function mayHaveDurableCode(sf: ts.SourceFile, mode: CheckMode): boolean {
  return sf.text.includes("dispatch-ts") || loweredRoles(sf, mode).size > 0;
}

/** tsserver's plugin factory: `init(modules).create(info)`. */
export function init(_modules: { typescript: typeof ts }): { create: typeof create } {
  return { create };
}
