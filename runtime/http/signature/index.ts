export { contentDigest, type DigestAlgorithm, verifyContentDigest } from "./content-digest.js";
export { type KeyInput, loadSigningKey, loadVerificationKey } from "./keys.js";
export { normalizeAuthority, type SignedMessage, signatureBase } from "./signature-base.js";
export { isSignatureError, SignatureError, type SignatureErrorReason } from "./signature-error.js";
export {
  type RequestToSign,
  requiredComponents,
  type SignatureHeaders,
  type SignOptions,
  signOptions,
  signRequest,
} from "./sign-request.js";
export { verifyOptions, type VerifyOptions, verifyRequest } from "./verify-request.js";
