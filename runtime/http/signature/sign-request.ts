// Signing a request the way the Dispatch scheduler does (label "dispatch",
// keyid "default", alg "ed25519", covering @method, @path, @authority,
// content-type and content-digest), so that tests and our own scheduler can
// call endpoints that verify signatures.

import { sign } from "node:crypto";
import { contentDigest, type DigestAlgorithm } from "./content-digest.js";
import { type KeyInput, loadSigningKey } from "./keys.js";
import { signatureBase } from "./signature-base.js";
import { type Item, serializeInnerList } from "./structured-fields.js";

/** The components every Dispatch request signature covers. */
export const requiredComponents: readonly string[] = ["@method", "@path", "@authority", "content-type", "content-digest"];

export interface SignOptions {
  /** Dictionary label of the signature. */
  label: string;
  keyId: string;
  /** Creation time in seconds since the epoch. */
  created: number;
  /** Covered components, in order. */
  components: readonly string[];
  /** Whether to state alg="ed25519" among the parameters. */
  includeAlg: boolean;
  digest: DigestAlgorithm;
}

export function signOptions(options: Partial<SignOptions> = {}): SignOptions {
  return {
    label: options.label ?? "dispatch",
    keyId: options.keyId ?? "default",
    created: options.created ?? Math.floor(Date.now() / 1000),
    components: options.components ?? requiredComponents,
    includeAlg: options.includeAlg ?? true,
    digest: options.digest ?? "sha-512",
  };
}

export interface RequestToSign {
  method: string;
  url: string | URL;
  /** Headers the signature covers (content-type at least); names in any case. */
  headers: Record<string, string> | Headers;
  body: Uint8Array;
}

/** The headers to add to the request: Content-Digest (when covered), Signature-Input, Signature. */
export type SignatureHeaders = Record<string, string>;

export function signRequest(request: RequestToSign, key: KeyInput, options?: Partial<SignOptions>): SignatureHeaders {
  const o = signOptions(options);
  const privateKey = loadSigningKey(key);
  const url = typeof request.url === "string" ? new URL(request.url) : request.url;
  const added: SignatureHeaders = {};
  if (o.components.includes("content-digest")) added["content-digest"] = contentDigest(request.body, o.digest);
  const header = headerLookup(request.headers, added);
  const params = new Map<string, string | number>([["created", o.created], ["keyid", o.keyId]]);
  if (o.includeAlg) params.set("alg", "ed25519");
  const covered = { items: o.components.map((name): Item => ({ value: name, params: new Map() })), params };
  const base = signatureBase(
    { method: request.method.toUpperCase(), scheme: url.protocol.slice(0, -1), authority: url.host, target: url.pathname + url.search, header },
    covered,
  );
  const signature = sign(null, Buffer.from(base), privateKey);
  added["signature-input"] = `${o.label}=${serializeInnerList(covered)}`;
  added["signature"] = `${o.label}=:${signature.toString("base64")}:`;
  return added;
}

function headerLookup(headers: Record<string, string> | Headers, added: SignatureHeaders): (name: string) => string | undefined {
  if (headers instanceof Headers) return (name) => added[name] ?? headers.get(name) ?? undefined;
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return (name) => added[name] ?? lower.get(name);
}
