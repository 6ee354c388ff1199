// Which in-flight calls a deploy would strand: a state saved by the old build
// resumes in the new one only if every frame in it still exists with the same
// layout and the same version (the pin, or the body hash when unpinned), and a
// call addressed to a wire name finds a function of that name. Compares the
// manifests of the two builds frame by frame; frames only in the new build
// strand nothing, and neither does an edit of a body without awaits (it never
// suspends, so no state holds its frame; a state may still name it, as the
// finished call of a helper, so its removal counts).
import type { Manifest, ManifestFrame } from "./manifest.js";

export interface StrandedFrame {
  id: string;
  kind: ManifestFrame["kind"];
  wireName: string | null | undefined;
  /** Why states of the old build cannot resume this frame, one reason a line. */
  reasons: string[];
}

export interface Compatibility {
  stranded: StrandedFrame[];
  /** Old frames whose states resume as they are. */
  compatible: number;
  /** Among them, frames whose body changed under a kept version pin. */
  keptByPin: string[];
  /** Frames only in the new build. */
  added: number;
}

export function compareManifests(old: Manifest, next: Manifest): Compatibility {
  const byId = new Map(next.frames.map((f) => [f.id, f]));
  const out: Compatibility = { stranded: [], compatible: 0, keptByPin: [], added: 0 };
  for (const o of old.frames) {
    const n = byId.get(o.id);
    byId.delete(o.id);
    const reasons = n === undefined ? ["removed: the new build has no frame with this id (renamed, moved to another file, or deleted)"] : changes(o, n);
    if (reasons.length > 0) {
      out.stranded.push({ id: o.id, kind: o.kind, wireName: o.wireName, reasons });
      continue;
    }
    out.compatible++;
    if (n!.body !== o.body && n!.pinned && o.suspends) out.keptByPin.push(o.id);
  }
  out.added = byId.size;
  return out;
}

function changes(o: ManifestFrame, n: ManifestFrame): string[] {
  const reasons: string[] = [];
  if (!o.suspends) return wireNameChange(o, n);
  if (o.layout !== n.layout) reasons.push(`layout changed: ${o.layout} -> ${n.layout} (resume points or the locals live at them; no pin can keep this)`);
  if (o.version !== n.version) reasons.push(versionChange(o, n));
  return [...reasons, ...wireNameChange(o, n)];
}

function wireNameChange(o: ManifestFrame, n: ManifestFrame): string[] {
  if (o.kind !== "function" || typeof o.wireName !== "string" || n.wireName === o.wireName) return [];
  return [`wire name changed: ${o.wireName} -> ${n.wireName ?? "(set at run time)"} (calls addressed to ${o.wireName} find no function)`];
}

function versionChange(o: ManifestFrame, n: ManifestFrame): string {
  const keep = o.layout === n.layout ? `; if the change is safe for suspended calls, pin { version: ${JSON.stringify(o.version)} }` : "";
  if (o.pinned && n.pinned) return `version pin changed: ${o.version} -> ${n.version}`;
  if (o.pinned) return `version pin ${o.version} removed: the version is now the body hash ${n.version}${keep}`;
  if (n.pinned) return `pinned to ${n.version}, but states of the old build carry version ${o.version} (its body hash)${keep}`;
  return `body changed: version ${o.version} -> ${n.version}${keep}`;
}
