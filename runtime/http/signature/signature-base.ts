// The signature base of RFC 9421 section 2.5: one line per covered component,
// `"<name>": <value>`, then the `"@signature-params"` line. Signer and verifier
// build it with the same function, so they cannot drift apart.
//
// Supports the derived components of a request (@method, @target-uri,
// @authority, @scheme, @request-target, @path, @query) and header fields in
// their plain form. Component parameters (sf, key, bs, req, tr, name) are
// rejected rather than half-implemented: our peers never send them.

import { SignatureError } from "./signature-error.js";
import { type InnerList, serializeBareItem, serializeInnerList } from "./structured-fields.js";

/** What a signature can cover of a request. */
export interface SignedMessage {
  readonly method: string;
  /** "http" or "https". */
  readonly scheme: string;
  /** The Host header (or the URL's host) as received. */
  readonly authority: string;
  /** The request target in origin form: path and query, as received. */
  readonly target: string;
  /** A header by lower-case name; repeated fields joined with ", ". */
  header(name: string): string | undefined;
}

/** Builds the signature base for the covered components and parameters. */
export function signatureBase(message: SignedMessage, covered: InnerList): string {
  let base = "";
  for (const item of covered.items) {
    if (typeof item.value !== "string") {
      throw invalid(`covered component ${serializeBareItem(item.value)} is not a string`);
    }
    if (item.params.size > 0) {
      throw invalid(`covered component "${item.value}" has parameters, which are not supported`);
    }
    base += `${serializeBareItem(item.value)}: ${componentValue(message, item.value)}\n`;
  }
  return `${base}"@signature-params": ${serializeInnerList(covered)}`;
}

/** The value of one covered component of a request. */
export function componentValue(message: SignedMessage, name: string): string {
  const target = splitTarget(message.target);
  switch (name) {
    case "@method":
      return message.method;
    case "@authority":
      return normalizeAuthority(message.authority, message.scheme);
    case "@scheme":
      return message.scheme.toLowerCase();
    case "@target-uri":
      return `${message.scheme.toLowerCase()}://${normalizeAuthority(message.authority, message.scheme)}${message.target}`;
    case "@request-target":
      return message.target;
    case "@path":
      return target.path;
    case "@query":
      return target.query;
  }
  if (name.startsWith("@")) throw invalid(`covered component "${name}" is not supported`);
  if (name !== name.toLowerCase()) throw invalid(`covered component "${name}" is not lower-case`);
  const value = message.header(name);
  if (value === undefined) throw invalid(`covered header "${name}" is missing from the request`);
  // Field values lose surrounding whitespace and obsolete line folding (RFC 9421 2.1).
  return value.trim().replace(/\s*\r?\n\s*/g, " ");
}

function splitTarget(target: string): { path: string; query: string } {
  const mark = target.indexOf("?");
  const path = mark < 0 ? target : target.slice(0, mark);
  return { path: path === "" ? "/" : path, query: mark < 0 ? "?" : target.slice(mark) };
}

/** Lower-case host, default port removed (RFC 9421 2.2.3). */
export function normalizeAuthority(authority: string, scheme: string): string {
  const lower = authority.trim().toLowerCase();
  const s = scheme.toLowerCase();
  if (s === "http" && lower.endsWith(":80")) return lower.slice(0, -3);
  if (s === "https" && lower.endsWith(":443")) return lower.slice(0, -4);
  return lower;
}

function invalid(reason: string): SignatureError {
  return new SignatureError("invalid", `cannot build signature base: ${reason}`);
}
