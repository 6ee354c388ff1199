// What tsserver loads for `{ "name": "dispatch-ts/language-service" }`: it resolves the name
// without package exports (Node 10 rules: language-service/package.json at the package root
// points here) and calls require() on it, then the exported factory. The plugin itself is ESM
// (language-service.ts). Node >= 20.19 can require() it synchronously; where it cannot (an
// editor's older bundled Node), it is imported in the background and the editor is asked to
// check the open files again once it has loaded.
import type * as ts from "typescript";
import type * as Plugin from "./language-service.js";

type PluginModule = typeof Plugin;

function init(_modules: { typescript: typeof ts }): { create(info: Plugin.PluginInfo & { project?: { refreshDiagnostics?(): void } }): ts.LanguageService } {
  return {
    create(info) {
      let plugin: PluginModule | undefined;
      try {
        plugin = require("./language-service.js") as PluginModule;
      } catch (e) {
        info.project?.projectService?.logger?.info(`[dispatch-ts] require() of the plugin failed (${(e as Error).message}); importing it instead`);
      }
      if (plugin !== undefined) return plugin.create(info);
      let loaded: ts.LanguageService | undefined;
      import("./language-service.js").then(
        (m: PluginModule) => {
          loaded = m.create(info);
          info.project?.refreshDiagnostics?.();
        },
        (e: unknown) => info.project?.projectService?.logger?.info(`[dispatch-ts] the plugin could not be loaded: ${String(e)}`),
      );
      // Until then, every call goes to the editor's own service.
      return new Proxy(info.languageService, {
        get: (target, key) => {
          const from = (loaded ?? target) as unknown as Record<string | symbol, unknown>;
          const v = from[key];
          return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(from) : v;
        },
      });
    },
  };
}

export = init;
