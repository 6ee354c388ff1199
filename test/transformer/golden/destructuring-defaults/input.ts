// Patterns with awaited defaults become steps: iterator protocol for arrays, keyed reads and a rest copy for objects.
"use durable";
export async function settings(src: { host?: string; port?: number; extra?: unknown }, pairs: number[], fallback: () => Promise<string>) {
  const { host = await fallback(), port = 80, ...others } = src;
  const [first = await fallback(), , ...tail] = pairs;
  return { host, port, others, first, tail };
}
