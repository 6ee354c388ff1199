// `super.x` read inside a closure lifted out of a method: the closure's factory
// lives at module level, where `super` means nothing, so the compiler writes
// the lookup out (transformer/lift-closure.ts): the property of the home
// object's prototype, read with the frame's `this` as receiver, which is what
// `super.x` does.
export function superGet(home: object, key: PropertyKey, receiver: unknown): unknown {
  return Reflect.get(Object.getPrototypeOf(home) as object, key, receiver);
}
