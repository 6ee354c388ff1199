// A call whose callee was evaluated before an await in its arguments: the
// method is looked up first (native order) and called with its receiver
// afterwards. The error for a non-callable names the expression as written,
// as V8's own message does.
const apply = Reflect.apply;

export function invoke(fn: unknown, self: unknown, args: unknown[], text: string): unknown {
  if (typeof fn !== "function") throw new TypeError(`${text} is not a function`);
  return apply(fn, self, args);
}
