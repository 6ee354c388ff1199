// Type URLs. Every protobuf runtime resolves an Any by the last segment of its
// type URL (the message's full name) and ignores the prefix, so the prefix is
// free to carry a hint for us without hiding the type from anyone else:
// - Google types: "type.googleapis.com/<full name>", what anyPack writes.
// - Our dispatch_ts.v1.Value: "type.googleapis.com/dispatch_ts.v1.Value" too
//   (protobuf-es's default; only dispatch-ts reads it anyway).
// - A JavaScript bigint travels as a standard Int64Value/UInt64Value under the
//   prefix "dispatch-ts/bigint/": other languages read an ordinary integer, and
//   dispatch-ts knows to give back a bigint rather than a number (an untagged
//   Int64Value becomes a number when it is a safe integer).

export const GOOGLE_TYPE_URL_PREFIX = "type.googleapis.com/";
export const BIGINT_TYPE_URL_PREFIX = "dispatch-ts/bigint/";

export const JS_VALUE_TYPE_NAME = "dispatch_ts.v1.Value";
export const PYTHON_PICKLE_TYPE_NAME = "dispatch.sdk.python.v1.Pickled";

/** The full name a type URL designates: what follows its last "/". */
export function typeNameOf(typeUrl: string): string {
  return typeUrl.slice(typeUrl.lastIndexOf("/") + 1);
}

export function googleTypeUrl(fullName: string): string {
  return GOOGLE_TYPE_URL_PREFIX + fullName;
}
