// Secrets the scheduler keeps in its folder, created on first start and
// readable by the owner only: the Ed25519 key pair that signs requests to
// endpoints (endpoints pin its public key in DISPATCH_VERIFICATION_KEY, so it
// must survive restarts) and the API key of `dispatch-ts serve`.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const SIGNING_KEY_FILE = "signing.key";
export const API_KEY_FILE = "api.key";

export interface SigningKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Base64 of the 32 raw public key bytes: the value of DISPATCH_VERIFICATION_KEY. */
  publicKeyBase64: string;
}

export function loadOrCreateSigningKey(folder: string): SigningKeyPair {
  const file = join(folder, SIGNING_KEY_FILE);
  const pem = readOrCreate(file, () => generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString());
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`cannot load signing key ${file}: ${(error as Error).message}; delete it to make a new one (endpoints then need the new public key)`, { cause: error });
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(`cannot load signing key ${file}: expected an ed25519 key, got ${privateKey.asymmetricKeyType}`);
  }
  const publicKey = createPublicKey(privateKey);
  const x = publicKey.export({ format: "jwk" }).x!;
  return { privateKey, publicKey, publicKeyBase64: Buffer.from(x, "base64url").toString("base64") };
}

export function loadOrCreateApiKey(folder: string): string {
  const file = join(folder, API_KEY_FILE);
  const key = readOrCreate(file, newApiKey).trim();
  if (key === "" || /[\s"']/.test(key)) throw new Error(`cannot load API key ${file}: it is empty or contains spaces or quotes`);
  return key;
}

/** A random API key (URL-safe, no quoting needed in shells or .env files). */
export function newApiKey(): string {
  return randomBytes(24).toString("base64url");
}

function readOrCreate(file: string, make: () => string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  mkdirSync(join(file, ".."), { recursive: true });
  const text = make();
  try {
    // "wx": another process creating the same file first wins, and we read its key.
    writeFileSync(file, text, { mode: 0o600, flag: "wx" });
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8");
    throw new Error(`cannot create ${file}: ${(error as Error).message}`, { cause: error });
  }
}
