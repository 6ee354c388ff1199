// fast-check arbitraries of random value graphs: every kind of value the codec
// copies, nested, then tied together with extra edges so that shared
// references and cycles appear anywhere (objects, arrays, Maps, Sets, errors).

import fc from "fast-check";

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, true, false, -0, 0, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53)),
  fc.integer(),
  fc.double(),
  fc.maxSafeInteger(),
  fc.bigInt(),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("pending", "done", "", "__proto__"),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(Symbol.for("app"), Symbol.iterator, Symbol.for("")),
  fc.constantFrom(/a+/g, /x/imsuy, /[\/]/d).map((r) => new RegExp(r.source, r.flags)),
  fc.webUrl().map((u) => new URL(u)),
  fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.bigInt()).map((p) => Object(p) as object),
);

const key: fc.Arbitrary<string | symbol> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("__proto__", "constructor", "toString", "0", "7", "length", "a", "b"),
  fc.constantFrom(Symbol.for("key"), Symbol.toStringTag),
);

const attributes = fc.record({ enumerable: fc.boolean(), writable: fc.boolean(), configurable: fc.boolean() });

type Attributes = { enumerable: boolean; writable: boolean; configurable: boolean };

function objectFrom(proto: object | null, entries: [string | symbol, unknown, Attributes | undefined][]): object {
  const o = Object.create(proto) as object;
  for (const [k, v, attrs] of entries) {
    if (Object.prototype.hasOwnProperty.call(o, k)) continue;
    Object.defineProperty(o, k, { value: v, ...(attrs ?? { enumerable: true, writable: true, configurable: true }) });
  }
  return o;
}

const typedArray: fc.Arbitrary<object> = fc.oneof(
  fc.uint8Array({ maxLength: 8 }),
  fc.int16Array({ maxLength: 4 }),
  fc.float64Array({ maxLength: 4 }),
  fc.bigInt64Array({ maxLength: 2 }),
  fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a)),
  fc.uint8Array({ minLength: 8, maxLength: 16 }).map((a) => new DataView(a.buffer, 2, 4)),
  fc.uint8Array({ maxLength: 16 }).map((a) => a.buffer),
);

const { value } = fc.letrec<{ value: unknown; container: object }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("container")),
  container: fc.oneof(
    fc.array(tie("value"), { maxLength: 6 }),
    fc.sparseArray(tie("value"), { maxLength: 9 }),
    fc.tuple(fc.array(fc.tuple(key, tie("value"), fc.option(attributes, { freq: 5, nil: undefined })), { maxLength: 6 }), fc.boolean()).map(
      ([entries, nullProto]) => objectFrom(nullProto ? null : Object.prototype, entries),
    ),
    fc.array(fc.tuple(tie("value"), tie("value")), { maxLength: 4 }).map((es) => new Map(es)),
    fc.array(tie("value"), { maxLength: 4 }).map((vs) => new Set(vs)),
    fc.tuple(fc.string({ maxLength: 8 }), tie("value"), fc.constantFrom(Error, TypeError, RangeError)).map(
      ([m, cause, C]) => new C(m, { cause }),
    ),
    fc.array(tie("value"), { maxLength: 3 }).map((errors) => new AggregateError(errors, "many")),
    fc.tuple(tie("container"), fc.constantFrom("freeze", "seal", "preventExtensions")).map(([c, how]) =>
      ArrayBuffer.isView(c) || c instanceof ArrayBuffer ? c : (Object[how] as (o: object) => object)(c),
    ),
    typedArray,
  ),
}));

/** A value graph with extra edges (index of container, index of target, key) for sharing and cycles. */
export const valueGraph: fc.Arbitrary<unknown> = fc
  .tuple(value, fc.array(fc.tuple(fc.nat(), fc.nat(), key), { maxLength: 6 }))
  .map(([root, links]) => {
    const containers = collect(root);
    if (containers.length === 0) return root;
    for (const [i, j, k] of links) {
      const from = containers[i % containers.length]!;
      const to = containers[j % containers.length]!;
      if (!Object.isExtensible(from) || ArrayBuffer.isView(from) || from instanceof ArrayBuffer) continue;
      if (from instanceof Map) from.set(k, to);
      else if (from instanceof Set) from.add(to);
      else if (Array.isArray(from)) from.push(to);
      else if (Object.getOwnPropertyDescriptor(from, k)?.configurable !== false) {
        Object.defineProperty(from, k, { value: to, enumerable: true, writable: true, configurable: true });
      }
    }
    return root;
  });

function collect(root: unknown): object[] {
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Map) v.forEach((x, k) => (visit(k), visit(x)));
    else if (v instanceof Set) v.forEach(visit);
    else if (!ArrayBuffer.isView(v)) for (const k of Reflect.ownKeys(v)) visit(Object.getOwnPropertyDescriptor(v, k)?.value);
  };
  visit(root);
  return [...seen];
}
