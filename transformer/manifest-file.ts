// The manifest file of a tspc build. A transformer sees one file at a time and
// never learns which is the last, so the file follows the emit: records of
// modules no longer in the program are dropped when the build starts, each
// emitted file replaces its module's records, and the file is rewritten only
// when something changed. It is written once every module of the program has
// been emitted (a full build writes it once, not once per module: rewriting
// all records after each of n modules costs n^2); an emit of some modules
// only (incremental, watch, one file) writes it as soon as the emit's
// synchronous work is done, or when the process exits, whichever comes first.
// Files an incremental build does not emit keep their records, which is
// right: their code did not change. An incremental build or a watcher makes a
// new plugin instance per emitted file, each reading the file as the one
// before left it: reading a manifest first writes the one still pending for
// that path, so no update is lost.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { manifestText, parseManifest, serializeFrame, sortFrames, type Manifest, type ManifestFrame } from "../runtime/manifest/manifest.js";

/** Manifest files with a write scheduled, by absolute path: written before anyone reads that path. */
const unwritten = new Map<string, ManifestFile>();

function flushPending(path: string): void {
  unwritten.get(resolve(path))?.flush();
}

export class ManifestFile {
  private readonly byModule = new Map<string, ManifestFrame[]>();
  /** Each record's text, made once (a partial emit may rewrite the file several times). */
  private readonly blocks = new WeakMap<ManifestFrame, string>();
  /** Modules of the program not emitted yet: when none is left, the file is written. */
  private readonly pending: Set<string>;
  private written: string | undefined;
  private scheduled: NodeJS.Immediate | undefined;
  private readonly flushOnExit = (): void => this.flush();

  /**
   * @param path where this build writes its manifest
   * @param previous the manifest of the build before (its history and the pin check), if any
   * @param modules the module paths of the program's source files
   */
  constructor(
    private readonly path: string,
    previous: Manifest | undefined,
    modules: ReadonlySet<string>,
  ) {
    for (const f of previous?.frames ?? []) {
      const module = f.id.slice(0, f.id.lastIndexOf("#"));
      if (!modules.has(module)) continue;
      const list = this.byModule.get(module) ?? [];
      list.push(f);
      this.byModule.set(module, list);
    }
    this.pending = new Set(modules);
    flushPending(path);
    this.written = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    this.write();
  }

  /**
   * Replaces the records of one module (all its frames, possibly none). The file is written when
   * this was the last module of the program to be emitted, else soon (see the top of the file).
   */
  update(module: string, frames: ManifestFrame[]): void {
    if (frames.length === 0) this.byModule.delete(module);
    else this.byModule.set(module, frames);
    this.pending.delete(module);
    if (this.pending.size === 0) this.flush();
    else if (this.scheduled === undefined) {
      this.scheduled = setImmediate(() => this.flush());
      process.once("exit", this.flushOnExit);
      unwritten.set(resolve(this.path), this);
    }
  }

  /** Writes the file now if it changed (and cancels a scheduled write). */
  flush(): void {
    if (this.scheduled !== undefined) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
      process.removeListener("exit", this.flushOnExit);
      if (unwritten.get(resolve(this.path)) === this) unwritten.delete(resolve(this.path));
    }
    this.write();
  }

  private blockOf(frame: ManifestFrame): string {
    let b = this.blocks.get(frame);
    if (b === undefined) this.blocks.set(frame, (b = serializeFrame(frame)));
    return b;
  }

  private write(): void {
    const text = manifestText(sortFrames([...this.byModule.values()].flat()).map((f) => this.blockOf(f)));
    if (text === this.written) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, text);
    this.written = text;
  }
}

/** Reads a manifest file; undefined when there is none. Bad content throws a ManifestError naming the file. */
export function readManifestFile(path: string): Manifest | undefined {
  flushPending(path);
  if (!existsSync(path)) return undefined;
  return parseManifest(readFileSync(path, "utf8"), path);
}
