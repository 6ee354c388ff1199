// The manifest record of one lowered function, and the one check the build
// makes against the previous manifest: a version pin promises that states
// saved under that version resume in this code, which the engine can keep only
// if the frame layout is the one that version had. A pin whose version the
// previous manifest knows with another layout is refused here, at the pin,
// instead of stranding every in-flight call at its next resume.
//
// The record carries the frame's version history forward: the versions the
// previous manifest knew, plus this build's version with its layout, except
// when the pin is refused (then the history keeps the old layout, so the next
// build refuses it again instead of taking this build's word for it).
import type { ManifestFrame } from "../runtime/manifest/manifest.js";
import type { LoweredMeta } from "./lower-function.js";

export type PreviousFrames = ReadonlyMap<string, ManifestFrame>;

export interface VersionRecord {
  frame: ManifestFrame;
  /** Why the pin is refused, when it is. */
  refusal?: string;
}

export interface FrameFacts {
  id: string;
  kind: ManifestFrame["kind"];
  /** The wire name read from the options (undefined: the default, null: set at run time). */
  wireName: string | null | undefined;
  /** Whether the body awaits at all (else no state ever holds its frame). */
  suspends: boolean;
  line: number;
}

export function recordVersion({ id, kind, wireName, suspends, line }: FrameFacts, meta: LoweredMeta, previous: PreviousFrames | undefined): VersionRecord {
  const before = previous?.get(id);
  const pinned = meta.version !== undefined;
  const version = meta.version ?? meta.body;
  // A helper has no wire name: it is never called through the protocol.
  const wire = kind === "function" ? { wireName: wireName === undefined ? meta.name : wireName } : {};
  const frame: ManifestFrame = { id, kind, ...wire, layout: meta.layout, body: meta.body, version, pinned, suspends, line, versions: { ...before?.versions } };
  const known = before?.versions[version];
  if (pinned && known !== undefined && known !== meta.layout) {
    const refusal =
      `cannot keep version ${JSON.stringify(version)} of ${meta.name}: its frame layout changed since that version was built ` +
      `(layout ${known} in the previous manifest, ${meta.layout} now: the awaits, or the locals live across them, differ), ` +
      `so calls suspended under ${JSON.stringify(version)} could not resume in this code. ` +
      `Give it a new version to let those calls restart from their input (INCOMPATIBLE_STATE), or undo the change to the awaits and locals`;
    return { frame, refusal };
  }
  frame.versions[version] = meta.layout;
  return { frame };
}

export function indexFrames(frames: Iterable<ManifestFrame>): PreviousFrames {
  return new Map([...frames].map((f) => [f.id, f]));
}
