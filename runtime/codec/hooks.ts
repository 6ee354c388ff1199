// What the engine plugs into the codec: references to module-level bindings,
// extensions for its own objects (frames, durable calls), tracing and limits.

export interface CodecHooks {
  /**
   * Id for a value encoded by reference instead of copied (module-level bindings,
   * registered functions/classes/symbols/singletons). Called for every function,
   * symbol and object before copying it. undefined = copy (or error for
   * functions/symbols). Must be fast: it runs once per object encoded.
   */
  refOf?(value: object | symbol): string | undefined;
  /** Reverse of refOf on decode; throw to reject (the decoder wraps it in a CodecError naming the id). */
  resolveRef?(id: string): unknown;
  /** Engine-owned objects: tried before the built-in rules for objects whose class is not a built-in, and for functions. */
  extensions?: readonly Extension[];
  /** DISPATCH_TRACE support: called with the path and value of each value as it is encoded. */
  trace?(path: string, value: unknown): void;
  /** Applied when encoding too, so that whatever encodes also decodes with the same limits. */
  limits?: Partial<DecodeLimits>;
}

export interface Extension<T extends object = object> {
  /** Unique among extensions; written once per state, then as a one-byte reference. */
  tag: string;
  /** Cheap check (brand, constructor ===). */
  match(value: object): value is T;
  encode(value: T, out: ExtensionWriter): void;
  /** Input is untrusted: check what read() returns before using it. */
  decode(input: ExtensionReader): T;
}

export interface ExtensionWriter {
  /** Writes a nested value; label extends the error path, e.g. "local s" or "frame main (app.ts:12)". */
  write(value: unknown, label?: string): void;
}

export interface ExtensionReader {
  /** Reads the next nested value (in the order they were written). */
  read(): unknown;
  /** Call before reading children, so that cycles through the object resolve to it. */
  register(value: object): void;
  /**
   * For an object that can only be built from its parts (instead of register): how to make a
   * stand-in for it, called at most once, and only if one of its parts refers back to it before
   * it is built. Decode must then return that stand-in (having made it stand for what it built).
   */
  standIn(make: () => object): void;
}

export interface DecodeLimits {
  /** How deeply values may nest; the root value is at depth 1. */
  maxDepth: number;
  /** How many values (of any kind, keys included) one encoding may hold. */
  maxValues: number;
  /** Largest encoding, and largest max length of a resizable ArrayBuffer. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: Readonly<DecodeLimits> = Object.freeze({
  // Deep enough for any realistic state; shallow enough that the recursive
  // encoder and decoder stay far from Node's default stack (see docs/CODEC.md).
  maxDepth: 1000,
  // Values cost memory out of proportion to their bytes (a one-byte empty array
  // is an object), so the count is bounded separately from the size.
  maxValues: 1_000_000,
  maxBytes: 64 * 1024 * 1024,
});

/** Fills the defaults; the one place that does. */
export function resolveLimits(limits: Partial<DecodeLimits> | undefined): DecodeLimits {
  if (limits === undefined) return DEFAULT_LIMITS;
  return {
    maxDepth: limits.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxValues: limits.maxValues ?? DEFAULT_LIMITS.maxValues,
    maxBytes: limits.maxBytes ?? DEFAULT_LIMITS.maxBytes,
  };
}
