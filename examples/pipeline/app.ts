// A durable pipeline on the embedded scheduler: sequential calls with
// try/catch, a fan-out / fan-in, retries of a throttled step, and a durable
// timer. Every `await` on a dispatch.function is a durability point: the
// pipeline is suspended to bytes in .dispatch/ and resumed when the result is
// in; kill the process midway and run it again: it continues where it was.
import * as dispatch from "dispatch-ts";

const attempts = new Map<string, number>();

export const transform = dispatch.function(async function transform(msg: string) {
  const attempt = (attempts.get(msg) ?? 0) + 1;
  attempts.set(msg, attempt);
  if (msg.startsWith("flaky") && attempt < 3) throw new dispatch.ThrottledError(`rate limited (attempt ${attempt})`);
  if (msg === "bad") throw new dispatch.PermanentError(`cannot transform ${JSON.stringify(msg)}`);
  return msg.toUpperCase();
});

export const pipeline = dispatch.function(async function pipeline(msgs: string[]) {
  const out: string[] = [];
  for (const m of msgs) {
    try {
      out.push(await transform(m)); // a durable call: suspends, resumes with the result
    } catch (e) {
      out.push(`failed: ${(e as Error).message}`);
    }
  }
  const ok = msgs.filter((m) => m !== "bad");
  const all = await dispatch.gather(ok.map((m) => transform(`${m}!`))); // fan-out / fan-in
  await dispatch.sleep("1s"); // a durable timer
  return [...out, ...all];
});

const input = process.argv.slice(2);
const result = await dispatch.run(pipeline(input.length > 0 ? input : ["hello", "flaky", "bad", "world"]));
console.log(JSON.stringify(result));
