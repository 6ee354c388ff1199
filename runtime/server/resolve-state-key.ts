// The state key of an endpoint. Several endpoint processes behind one
// scheduler must share it (a call suspended by one resumes in another), so
// DISPATCH_STATE_KEY comes first; without it, the key file of the embedded
// runner (`.dispatch/state.key`, created on first use) lets the processes of
// one machine and folder agree, which is what local development needs.
import { resolve } from "node:path";
import { loadOrCreateStateKey, stateKeyFromEnv } from "./state-key.js";

let warned = false;

export function resolveStateKey(env: Record<string, string | undefined> = process.env): Uint8Array {
  const fromEnv = stateKeyFromEnv();
  if (fromEnv !== undefined) return fromEnv;
  const dir = env.DISPATCH_DIR || ".dispatch";
  if (!warned) {
    warned = true;
    console.warn(
      `dispatch endpoint: DISPATCH_STATE_KEY is unset; using the key in ${resolve(dir, "state.key")}, which other machines do not share`,
    );
  }
  return loadOrCreateStateKey(dir);
}
