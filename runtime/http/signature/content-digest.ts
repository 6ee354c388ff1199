// Content-Digest (RFC 9530) ties the body to a signature that covers only
// headers: the signature covers this header, and the header covers the body.
// sha-512 is what we send; sha-256 is accepted too. When both are present both
// must match, since a verifier that picked one could be fooled by the other.

import { createHash, timingSafeEqual } from "node:crypto";
import { SignatureError } from "./signature-error.js";
import { isInnerList, parseDictionary } from "./structured-fields.js";

export type DigestAlgorithm = "sha-512" | "sha-256";

const hashOf: Record<DigestAlgorithm, string> = { "sha-512": "sha512", "sha-256": "sha256" };

/** The Content-Digest header value of a body: `sha-512=:<base64>:`. */
export function contentDigest(body: Uint8Array, algorithm: DigestAlgorithm = "sha-512"): string {
  return `${algorithm}=:${createHash(hashOf[algorithm]).update(body).digest("base64")}:`;
}

/** Throws a SignatureError ("invalid") unless the header matches the body. */
export function verifyContentDigest(header: string | undefined, body: Uint8Array): void {
  if (header === undefined) throw new SignatureError("invalid", "cannot verify Content-Digest: the header is missing");
  const digests = parseDictionary(header, "Content-Digest");
  let checked = 0;
  for (const algorithm of ["sha-512", "sha-256"] as const) {
    const member = digests.get(algorithm);
    if (member === undefined) continue;
    if (isInnerList(member) || !(member.value instanceof Uint8Array)) {
      throw new SignatureError("invalid", `cannot verify Content-Digest: ${algorithm} is not a byte sequence`);
    }
    const expected = createHash(hashOf[algorithm]).update(body).digest();
    if (member.value.length !== expected.length || !timingSafeEqual(member.value, expected)) {
      throw new SignatureError("invalid", `cannot verify Content-Digest: the ${algorithm} digest does not match the body`);
    }
    checked++;
  }
  if (checked === 0) throw new SignatureError("invalid", "cannot verify Content-Digest: no sha-512 or sha-256 digest");
}
