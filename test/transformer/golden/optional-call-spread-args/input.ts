// Calls keep native order: callee, method lookup, arguments (a spread iterates at its position), then the call.
"use durable";
export async function send(client: { post?(...parts: unknown[]): unknown } | undefined, parts: unknown[], body: () => Promise<string>) {
  const a = client?.post?.(...parts, await body());
  const b = Math.max(...[1, 2], await body().then(Number));
  return [a, b];
}
