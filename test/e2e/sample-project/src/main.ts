// Entry of the end-to-end sample (not durable itself): prints one JSON line
// that the test compares with the expected output.
import { scaled } from "./scale.js";
import { lines, total } from "./steps.js";

async function main(): Promise<void> {
  const ok = await scaled([1, 2, 3]);
  let failure = "none";
  try {
    await total([40, 50], 100);
  } catch (e) {
    failure = `${(e as Error).name}: ${(e as Error).message}`;
  }
  console.log(JSON.stringify({ ok, failure, lines }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
