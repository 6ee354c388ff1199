// The key that authenticates suspended state. A state written by one process
// must open in the next one (a restart after a crash resumes it), so the
// embedded scheduler keeps its key next to its store, readable only by the
// owner. DISPATCH_STATE_KEY (base64 or hex, at least 32 bytes) overrides it.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const STATE_KEY_FILE = "state.key";

export function stateKeyFromEnv(): Uint8Array | undefined {
  const raw = process.env.DISPATCH_STATE_KEY;
  if (raw === undefined || raw === "") return undefined;
  const bytes = /^[0-9a-fA-F]+$/.test(raw) && raw.length % 2 === 0 ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (bytes.length < 32) throw new Error(`cannot use DISPATCH_STATE_KEY: it must hold at least 32 bytes (base64 or hex), got ${bytes.length}`);
  return new Uint8Array(bytes);
}

export function loadOrCreateStateKey(folder: string): Uint8Array {
  const fromEnv = stateKeyFromEnv();
  if (fromEnv) return fromEnv;
  const file = join(folder, STATE_KEY_FILE);
  try {
    const existing = readFileSync(file);
    if (existing.length >= 32) return new Uint8Array(existing);
  } catch {
    // No key yet: create one.
  }
  mkdirSync(folder, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600, flag: "w" });
  return new Uint8Array(key);
}
