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

// A path deeper than this shows its first and last segments around an ellipsis.
const SHOWN = 24;

/** Formats segments 1..depth ("value" stands for the root when no label names it). */
export function formatPath(kinds: readonly number[], keys: readonly unknown[], depth: number): string {
  if (depth <= 2 * SHOWN) return appendSegments("", kinds, keys, 1, depth) || "value";
  const head = appendSegments("", kinds, keys, 1, SHOWN) || "value";
  return appendSegments(`${head} … `, kinds, keys, depth - SHOWN + 1, depth);
}

function appendSegments(out: string, kinds: readonly number[], keys: readonly unknown[], from: number, to: number): string {
  for (let d = from; d <= to; d++) {
    const key = keys[d];
    const base = out || "value";
    switch (kinds[d]) {
      case SEG_LABEL:
        out = out === "" || out.endsWith(" … ") ? out + String(key) : `${out} > ${String(key)}`;
        break;
      case SEG_PROP:
        out = base + propSegment(key as string | symbol);
        break;
      case SEG_INDEX:
        out = `${base}[${String(key)}]`;
        break;
      case SEG_MAP_KEY:
        out = `${base}<map key>`;
        break;
      case SEG_MAP_VALUE:
        out = `${base}.get(${keyText(key)})`;
        break;
      case SEG_SET_MEMBER:
        out = `${base}<set member>`;
        break;
      case SEG_TEXT:
        out = base + String(key);
        break;
    }
  }
  return out;
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
