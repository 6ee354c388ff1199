// The key that opens a suspended state, for `show --import`: DISPATCH_STATE_KEY,
// else the folder's key file (what `dispatch-ts run` gives its application).
// Never created here: a new key could open nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { STATE_KEY_FILE, stateKeyFromEnv } from "../server/state-key.js";
import { CliError } from "./cli-error.js";

export function readStateKey(folder: string): Uint8Array {
  let fromEnv: Uint8Array | undefined;
  try {
    fromEnv = stateKeyFromEnv();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (fromEnv !== undefined) return fromEnv;
  const file = join(folder, STATE_KEY_FILE);
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    throw new CliError(`cannot decode the suspended stack: no state key; set DISPATCH_STATE_KEY to the application's key (${file} does not exist)`);
  }
}
