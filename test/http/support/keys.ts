// Fixed Ed25519 keys for tests, built from known seeds so that signatures
// (deterministic in Ed25519) can be compared byte for byte.

import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

function fromSeed(first: number): { privateKey: KeyObject; publicKey: KeyObject; publicRaw: string } {
  const seed = Buffer.from(Array.from({ length: 32 }, (_, i) => (first + i) & 0xff));
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(privateKey);
  const publicRaw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url").toString("base64");
  return { privateKey, publicKey, publicRaw };
}

/** The key pair our endpoints trust in tests. */
export const trusted = fromSeed(1);
/** Another key pair, which nobody trusts. */
export const stranger = fromSeed(101);

/** The RFC 9421 test key "test-key-ed25519" (Appendix B.1.4). */
export const rfcPrivatePem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n";
export const rfcPublicPem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=\n-----END PUBLIC KEY-----\n";
