// How many cases a bounded suite runs. `npm test` keeps counts small enough for
// CI on 2 cores; `npm run test:soak` (DISPATCH_SOAK=1) runs the same suites at full scale.
export const soak = process.env.DISPATCH_SOAK === "1";

export function scaled(bounded: number, full: number): number {
  return soak ? full : bounded;
}
