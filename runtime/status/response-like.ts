// A fetch Response, recognised by shape so that undici's, node-fetch's and a
// polyfill's all count: a class instance (never a plain object: a function that
// returns `{ ok: false, status: 500 }` as data must not be retried) with a
// numeric `status`, a boolean `ok` and `headers`.

export interface ResponseLike {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: object;
}

export function isResponseLike(value: unknown): value is ResponseLike {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return false;
  const bag = value as Record<string, unknown>;
  return typeof bag.status === "number" && typeof bag.ok === "boolean" && typeof bag.headers === "object" && bag.headers !== null;
}
