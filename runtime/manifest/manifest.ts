// The version manifest a build writes (`dispatch-manifest.json`): one record
// per durable frame (function or helper) with its frame id, wire name, layout
// hash, body hash and version, and the layout every version it has had in
// earlier builds had. `dispatch-ts check --compat` compares two of them; the
// build reads the previous one to refuse a version pin over a layout change.
// Plain data and checks only: the runtime never imports the compiler.

export const MANIFEST_FORMAT = 1;
export const MANIFEST_FILE = "dispatch-manifest.json";

export interface ManifestFrame {
  /** Frame id: module path + "#" + qualified name (what a state refers to). */
  id: string;
  kind: "function" | "helper" | "generator";
  /** Wire name (Call.function) of a dispatch.function; null when an expression sets it at run time. */
  wireName?: string | null;
  /** Resume points, the locals live at them, the try table, lifted closures: always enforced. */
  layout: string;
  /** The code of the body, types, comments and formatting left out. */
  body: string;
  /** The version a state of this frame carries: the pin when `pinned`, else the body hash. */
  version: string;
  pinned: boolean;
  /** False when the body has no await: it never suspends, so no state holds a frame of it. */
  suspends: boolean;
  /** Source line of the function, for people reading a report. */
  line: number;
  /** Every version of this frame in this build and the builds before it, with its layout. */
  versions: Record<string, string>;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  /** Sorted by id. */
  frames: ManifestFrame[];
}

export class ManifestError extends Error {
  override readonly name = "ManifestError";
}

const HASH = /^[0-9a-f]{16}$/;

/** Parses and checks a manifest's JSON text; `where` names it in errors (a path). */
export function parseManifest(text: string, where: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ManifestError(`cannot read manifest ${where}: not JSON (${(e as Error).message})`);
  }
  const fail = (path: string, what: string, got: unknown): never => {
    throw new ManifestError(`cannot read manifest ${where}: ${path} must be ${what}, got ${JSON.stringify(got) ?? String(got)}`);
  };
  if (!isRecord(raw)) return fail("the top level", "an object", raw);
  if (raw.format !== MANIFEST_FORMAT) return fail("format", `${MANIFEST_FORMAT} (a manifest of another dispatch-ts version?)`, raw.format);
  if (!Array.isArray(raw.frames)) return fail("frames", "an array", raw.frames);
  const seen = new Set<string>();
  const frames = raw.frames.map((f: unknown, i): ManifestFrame => {
    const at = `frames[${i}]`;
    if (!isRecord(f)) return fail(at, "an object", f);
    if (typeof f.id !== "string" || !f.id.includes("#")) return fail(`${at}.id`, 'a frame id "module#name"', f.id);
    if (seen.has(f.id)) return fail(`${at}.id`, "unique", f.id);
    seen.add(f.id);
    if (f.kind !== "function" && f.kind !== "helper" && f.kind !== "generator") return fail(`${at}.kind`, '"function", "helper" or "generator"', f.kind);
    if (f.wireName !== undefined && f.wireName !== null && typeof f.wireName !== "string") return fail(`${at}.wireName`, "a string or null", f.wireName);
    for (const k of ["layout", "body"] as const) if (typeof f[k] !== "string" || !HASH.test(f[k])) fail(`${at}.${k}`, "16 hex digits", f[k]);
    if (typeof f.version !== "string" || f.version === "") return fail(`${at}.version`, "a string", f.version);
    if (typeof f.pinned !== "boolean") return fail(`${at}.pinned`, "a boolean", f.pinned);
    if (typeof f.suspends !== "boolean") return fail(`${at}.suspends`, "a boolean", f.suspends);
    if (!Number.isInteger(f.line)) return fail(`${at}.line`, "an integer", f.line);
    if (!isRecord(f.versions) || Object.values(f.versions).some((l) => typeof l !== "string")) return fail(`${at}.versions`, "an object of layout hashes", f.versions);
    return { id: f.id, kind: f.kind, wireName: f.wireName as string | null | undefined, layout: f.layout as string, body: f.body as string, version: f.version, pinned: f.pinned, suspends: f.suspends, line: f.line as number, versions: { ...(f.versions as Record<string, string>) } };
  });
  return { format: MANIFEST_FORMAT, frames };
}

/** The manifest as written: stable order, one frame per block, so a diff of two builds reads well. */
export function serializeManifest(frames: Iterable<ManifestFrame>): string {
  return manifestText(sortFrames(frames).map(serializeFrame));
}

/** Frames in the manifest's order: by id. */
export function sortFrames(frames: Iterable<ManifestFrame>): ManifestFrame[] {
  return [...frames].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One frame's block of the manifest's text: its JSON, indented to sit in the frames array. */
export function serializeFrame(frame: ManifestFrame): string {
  return "    " + JSON.stringify(frame, null, 2).split("\n").join("\n    ");
}

/**
 * The manifest's text from its frames' blocks, in order: the text of
 * JSON.stringify({ format, frames }, null, 2), assembled from parts so that a
 * writer that rewrites the file after each module (manifest-file.ts) can keep them.
 */
export function manifestText(blocks: readonly string[]): string {
  if (blocks.length === 0) return `{\n  "format": ${MANIFEST_FORMAT},\n  "frames": []\n}\n`;
  return `{\n  "format": ${MANIFEST_FORMAT},\n  "frames": [\n${blocks.join(",\n")}\n  ]\n}\n`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
