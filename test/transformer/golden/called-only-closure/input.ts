// Closures that are only ever called (direct-closures.ts): `scale`, made in each
// iteration, becomes a module-level function taking the frame and the loop's
// environment first, and its calls pass them (none is made: the frame field
// stays undefined; the factory stays in the descriptor). `held` escapes into an
// array and `selfish` calls itself, so both stay closures made by their factory.
"use durable";
export async function loop(n: number, out: unknown[]) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const scale = (x: number) => x * 2 + i;
    sum += scale(await i);
    const held = () => i;
    out.push(held);
    const selfish = (k: number): number => (k > 0 ? selfish(k - 1) : sum);
    sum += selfish(await 1);
  }
  return sum;
}
