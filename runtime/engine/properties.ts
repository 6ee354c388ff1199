// Property-level steps that generated code performs one at a time when an
// object literal or an object pattern is split around awaits: converting a
// computed key at its position (ToPropertyKey), the check that a destructured
// value is not null or undefined (RequireObjectCoercible), and the copy of the
// remaining properties into a rest object (CopyDataProperties). Each follows
// the specification's order of observable operations (getters, proxy traps).

/** ToPropertyKey: a symbol stays, a primitive becomes its string, an object its primitive's key. */
export function toKey(k: unknown): PropertyKey {
  if (typeof k === "symbol") return k;
  if ((typeof k !== "object" && typeof k !== "function") || k === null) return String(k);
  // The engine's own conversion (ToPrimitive with hint "string", then ToPropertyKey).
  return Reflect.ownKeys({ [k as unknown as PropertyKey]: 0 })[0]!;
}

/** RequireObjectCoercible before the properties of an object pattern are read. */
export function coercible<T>(value: T): T {
  if (value === null || value === undefined) throw new TypeError(`Cannot destructure '${String(value)}' as it is ${String(value)}.`);
  return value;
}

/** `...rest` of an object pattern: own enumerable properties not named before it, in key order. */
export function objectRest(source: unknown, excluded: readonly unknown[]): Record<PropertyKey, unknown> {
  const out: Record<PropertyKey, unknown> = {};
  if (source === null || source === undefined) return out;
  const from = Object(source) as Record<PropertyKey, unknown>;
  const skip = excluded.map(toKey);
  for (const key of Reflect.ownKeys(from)) {
    if (skip.includes(key)) continue;
    const d = Reflect.getOwnPropertyDescriptor(from, key);
    // A data property of a fresh object (never a setter such as __proto__).
    if (d !== undefined && d.enumerable) Object.defineProperty(out, key, { value: from[key], writable: true, enumerable: true, configurable: true });
  }
  return out;
}
