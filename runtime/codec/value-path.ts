// Where a value sits, for error messages and tracing. The encoder records one
// segment per nesting level in two parallel arrays (two stores per child, no
// allocation) and formats them only when an error or the trace hook needs text:
// extension labels joined by " > ", then `.key`, `[3]`, `<map key>` segments.

export const SEG_NONE = 0; // nothing to show (an unlabelled extension value, a key list)
export const SEG_PROP = 1; // key: string | symbol
export const SEG_INDEX = 2; // key: number
export const SEG_LABEL = 3; // key: string from ExtensionWriter.write
export const SEG_MAP_KEY = 4;
export const SEG_MAP_VALUE = 5; // key: the entry's key
export const SEG_SET_MEMBER = 6;
export const SEG_TEXT = 7; // key: literal text such as ".buffer"

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats segments 1..depth ("value" stands for the root when no label names it). */
export function formatPath(kinds: readonly number[], keys: readonly unknown[], depth: number): string {
  let out = "";
  for (let d = 1; d <= depth; d++) {
    const key = keys[d];
    switch (kinds[d]) {
      case SEG_LABEL:
        out = out === "" ? String(key) : `${out} > ${String(key)}`;
        continue;
      case SEG_PROP:
        out = (out || "value") + propSegment(key as string | symbol);
        continue;
      case SEG_INDEX:
        out = `${out || "value"}[${String(key)}]`;
        continue;
      case SEG_MAP_KEY:
        out = `${out || "value"}<map key>`;
        continue;
      case SEG_MAP_VALUE:
        out = `${out || "value"}.get(${keyText(key)})`;
        continue;
      case SEG_SET_MEMBER:
        out = `${out || "value"}<set member>`;
        continue;
      case SEG_TEXT:
        out = (out || "value") + String(key);
        continue;
      default:
        continue;
    }
  }
  return out || "value";
}

function propSegment(key: string | symbol): string {
  if (typeof key === "symbol") return `[${key.toString()}]`;
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function keyText(key: unknown): string {
  switch (typeof key) {
    case "string":
      return JSON.stringify(key);
    case "bigint":
      return `${key}n`;
    case "symbol":
      return key.toString();
    case "object":
      return key === null ? "null" : "<object>";
    case "function":
      return "<function>";
    default:
      return String(key);
  }
}
