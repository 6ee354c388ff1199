// A for-of with awaits keeps its cursor in the frame and closes the iterator on every early exit.
"use durable";
export async function firstMatch(items: Iterable<string>, test: (s: string) => Promise<boolean>): Promise<string | undefined> {
  for (const item of items) {
    if (await test(item)) return item;
    if (item === "stop") break;
  }
  return undefined;
}
