// The manifest file of a tspc build. It is kept up to date file by file as
// the emit transforms them (a transformer sees one file at a time and never
// learns which is the last): records of modules no longer in the program are
// dropped when the build starts, each emitted file replaces its module's
// records, and the file is rewritten only when something changed. Files an
// incremental build does not emit keep their records, which is right: their
// code did not change.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseManifest, serializeManifest, type Manifest, type ManifestFrame } from "../runtime/manifest/manifest.js";

export class ManifestFile {
  private readonly byModule = new Map<string, ManifestFrame[]>();
  private written: string | undefined;

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
    this.written = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    this.write();
  }

  /** Replaces the records of one module (all its frames, possibly none) and writes the file if it changed. */
  update(module: string, frames: ManifestFrame[]): void {
    if (frames.length === 0) this.byModule.delete(module);
    else this.byModule.set(module, frames);
    this.write();
  }

  private write(): void {
    const text = serializeManifest([...this.byModule.values()].flat());
    if (text === this.written) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, text);
    this.written = text;
  }
}

/** Reads a manifest file; undefined when there is none. Bad content throws a ManifestError naming the file. */
export function readManifestFile(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  return parseManifest(readFileSync(path, "utf8"), path);
}
