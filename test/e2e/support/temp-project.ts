// A throwaway user project for end-to-end tests, laid out the way an installed
// package would be: <repo>/.cache/e2e-<random>/ with its own package.json and
// node_modules/dispatch-ts linked to the repository.
//
// Why a link and not self-reference: ts-patch resolves a plugin with
// `require.resolve(name, { paths: [projectDir] })` from inside the TypeScript
// package, so Node never applies self-reference to it (that needs the
// *requiring* file to live in the package). A link in node_modules is what
// `npm install` gives users, and it also resolves `dispatch-ts/internal` from
// the compiled program, whatever its module format.
//
// The folder is inside the repo (gitignored .cache/) so that the link and the
// repository share one file system and real paths stay short in stack traces.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { spawn } from "node:child_process";

export const ROOT = resolve(import.meta.dirname, "../../..");
export const TSPC = join(ROOT, "node_modules/.bin/tspc");
const PLUGIN = join(ROOT, "dist/transformer/plugin.js");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface TempProject {
  dir: string;
  /** Writes `tsconfig.json`; `compilerOptions` are merged over the defaults below. */
  writeTsconfig(compilerOptions: Record<string, unknown>): void;
  /** Runs tspc in the project; default `-p tsconfig.json`. */
  tspc(args?: string[]): Promise<RunResult>;
  /** Runs `node [nodeArgs] file` in the project. */
  node(file: string, env?: Record<string, string>, nodeArgs?: string[]): Promise<RunResult>;
  read(file: string): string;
  write(file: string, text: string): void;
  remove(): void;
}

/** The plugin ships compiled (ts-patch on Node 20 loads only .js): fail early with the fix. */
export function assertBuilt(): void {
  if (!existsSync(PLUGIN)) throw new Error(`cannot run the tspc end-to-end test: ${PLUGIN} is missing; run \`npm run build\` first`);
}

/**
 * A project made of `sources` copied to src/; with `whole`, the folder is
 * copied as it is instead (several projects, their own package.json files).
 */
export function createTempProject(opts: { sources: string; type: "module" | "commonjs"; whole?: boolean }): TempProject {
  const dir = join(ROOT, ".cache", `e2e-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  // produces: node_modules/dispatch-ts -> <repo>  (as `npm install ../dispatch-ts` would)
  symlinkSync(ROOT, join(dir, "node_modules/dispatch-ts"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "e2e-sample", private: true, type: opts.type }, null, 2));
  cpSync(opts.sources, opts.whole ? dir : join(dir, "src"), { recursive: true });
  return {
    dir,
    writeTsconfig(compilerOptions) {
      const config = {
        compilerOptions: {
          target: "ES2022",
          rootDir: "src",
          outDir: "out",
          strict: true,
          skipLibCheck: true,
          types: ["node"],
          plugins: [{ transform: "dispatch-ts/transformer" }],
          ...compilerOptions,
        },
        include: ["src"],
      };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(config, null, 2));
    },
    tspc: (args = ["-p", join(dir, "tsconfig.json")]) => run(process.execPath, [TSPC, ...args], dir),
    node: (file, env = {}, nodeArgs = []) => run(process.execPath, [...nodeArgs, join(dir, file)], dir, env),
    read: (file) => readFileSync(join(dir, file), "utf8"),
    write: (file, text) => writeFileSync(join(dir, file), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((done, fail) => {
    // The test modes are off unless a test sets them, whatever the outer shell has.
    const child = spawn(cmd, args, { cwd, env: { ...process.env, DISPATCH_NATIVE: "", DISPATCH_SUSPEND_EVERY_AWAIT: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}
