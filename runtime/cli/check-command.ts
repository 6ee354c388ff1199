// `dispatch-ts check --compat OLD NEW [--json]`: which in-flight calls a
// deploy from the build of manifest OLD to the build of manifest NEW would
// strand. Exit code 1 when any frame would, 0 when every state of OLD resumes
// in NEW, 2 for a bad command line; a manifest that cannot be read is an error
// naming the file.
import { readFile } from "node:fs/promises";
import { compareManifests, parseManifest, ManifestError, type Compatibility, type Manifest, type StrandedFrame } from "../manifest/index.js";
import { CliError, usageError } from "./cli-error.js";
import { parseArgs } from "./parse-args.js";

export async function checkCommand(argv: readonly string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs("check", argv, { compat: "boolean", json: "boolean" });
  if (args.flags.compat !== true) throw usageError('cannot parse arguments: "check" needs --compat OLD NEW');
  if (args.positionals.length !== 2) throw usageError(`cannot parse arguments: "check --compat" takes two manifests (OLD NEW), got ${args.positionals.length}`);
  const [oldPath, newPath] = args.positionals as [string, string];
  const [old, next] = await Promise.all([load(oldPath), load(newPath)]);
  const result = compareManifests(old, next);
  out(args.flags.json === true ? JSON.stringify(result, null, 2) : describeCompatibility(result, old.frames.length));
  return result.stranded.length > 0 ? 1 : 0;
}

async function load(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new CliError(`cannot read manifest ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  try {
    return parseManifest(text, path);
  } catch (e) {
    if (e instanceof ManifestError) throw new CliError(e.message);
    throw e;
  }
}

export function describeCompatibility(r: Compatibility, total: number): string {
  const lines: string[] = [];
  if (r.stranded.length === 0) lines.push(`compatible: the states of all ${total} frames of the old build resume in the new one`);
  else {
    lines.push(`incompatible: ${r.stranded.length} of ${total} frames would strand their in-flight calls (INCOMPATIBLE_STATE at resume):`);
    for (const s of r.stranded) {
      lines.push("", `  ${title(s)}`);
      for (const reason of s.reasons) lines.push(`    ${reason}`);
    }
    lines.push("");
  }
  const notes = [`${r.compatible} frame${r.compatible === 1 ? "" : "s"} compatible`];
  if (r.keptByPin.length > 0) notes.push(`${r.keptByPin.length} body change${r.keptByPin.length === 1 ? "" : "s"} kept by a version pin (${r.keptByPin.join(", ")})`);
  if (r.added > 0) notes.push(`${r.added} new frame${r.added === 1 ? "" : "s"}`);
  lines.push(notes.join("; "));
  return lines.join("\n");
}

function title(s: StrandedFrame): string {
  if (s.kind === "helper") return `${s.id} (durable helper: calls suspended inside it)`;
  return typeof s.wireName === "string" ? `${s.wireName} (function ${s.id})` : `${s.id} (function)`;
}
