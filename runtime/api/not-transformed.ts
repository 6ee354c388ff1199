// The loud failure when durable code runs without the transformer.
export function notTransformed(api: string, fn: Function): Error {
  const name = fn.name || "anonymous";
  return new Error(
    `cannot use ${api}(${name}): the function was not compiled by the dispatch-ts transformer. ` +
      `Add { "transform": "dispatch-ts/transformer" } to compilerOptions.plugins in tsconfig.json and build with tspc ` +
      `(or use the Vite plugin dispatch-ts/vite under vitest); set DISPATCH_NATIVE=1 to run durable functions as plain async functions.`,
  );
}
