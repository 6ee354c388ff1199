// 99007, 99008, 99009: dispatch.function misuse.
import * as dispatch from "dispatch-ts";

export const notAsync = dispatch.function(function notAsync(n: number) {
  return Promise.resolve(n);
} as (n: number) => Promise<number>);

export const badName = dispatch.function({ name: "send-email" }, async function badName(to: string) {
  return to;
});

export const first = dispatch.function({ name: "charge" }, async function first(cents: number) {
  return cents;
});

export const charge = dispatch.function(async function charge(cents: number) {
  return cents;
});

async function defined(n: number) {
  return n;
}

export const byReference = dispatch.function(defined);
