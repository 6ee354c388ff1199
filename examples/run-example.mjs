// `npm run example`: compiles the example with tspc (the transformer as users
// configure it, from tsconfig plugins) and runs it on the embedded scheduler.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// The examples are a user project: they import "dispatch-ts" from node_modules, as `npm install` would give them.
const link = join(here, "node_modules", "dispatch-ts");
if (!existsSync(link)) {
  mkdirSync(join(here, "node_modules"), { recursive: true });
  symlinkSync("../..", link, "dir");
}
const tspc = join(here, "..", "node_modules", ".bin", "tspc");
const build = spawnSync(tspc, ["-p", join(here, "tsconfig.json")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [join(here, "dist", "pipeline", "app.js"), ...process.argv.slice(2)], {
  stdio: "inherit",
  cwd: here,
});
process.exit(run.status ?? 1);
