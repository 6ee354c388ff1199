// Classes and closures in durable code: a class with #private state that gives
// itself toDurable()/fromDurable(), TypeScript `private` fields, closures over
// frame locals, module-level registries, and ordinary promises awaited before
// the durable calls.
import * as dispatch from "dispatch-ts";

export class Ledger {
  #entries: { account: string; cents: number }[] = [];
  add(account: string, cents: number): void {
    this.#entries.push({ account, cents });
  }
  balance(account: string): number {
    return this.#entries.filter((e) => e.account === account).reduce((s, e) => s + e.cents, 0);
  }
  toDurable(): { account: string; cents: number }[] {
    return this.#entries;
  }
  static fromDurable(entries: { account: string; cents: number }[]): Ledger {
    const l = new Ledger();
    for (const e of entries) l.add(e.account, e.cents);
    return l;
  }
}

class RetryPolicy {
  private attempts = 0;
  constructor(private readonly max: number) {}
  next(): boolean {
    return ++this.attempts <= this.max;
  }
}

const registry = new Map<string, number>();
const weakCache = new WeakMap<object, string>();

export const transfer = dispatch.function(async function transfer(from: string, to: string, cents: number) {
  registry.set(from, (registry.get(from) ?? 0) - cents);
  return { from, to, cents };
});

export const settle = dispatch.function(async function settle(accounts: string[]) {
  const ledger = new Ledger();
  const policy = new RetryPolicy(3);
  const fee = 25;
  const withFee = (cents: number) => cents + fee;
  const [rates, holidays] = await Promise.all([
    fetch("https://rates.example").then((r) => r.json() as Promise<Record<string, number>>),
    fetch("https://holidays.example").then((r) => r.text()),
  ]);
  for (let i = 0; i + 1 < accounts.length; i++) {
    const from = accounts[i]!;
    const to = accounts[i + 1]!;
    while (policy.next()) {
      try {
        const t = await transfer(from, to, withFee(rates[from] ?? 100));
        ledger.add(t.from, -t.cents);
        ledger.add(t.to, t.cents);
        break;
      } catch {
        await dispatch.sleep("5s");
      }
    }
  }
  weakCache.set(ledger, "settled");
  const byAccount = Object.fromEntries(accounts.map((a) => [a, ledger.balance(a)]));
  return { byAccount, holidays: holidays.length, buffer: new Uint8Array([1, 2, 3]), pattern: /x/g, url: new URL("https://a.example") };
});
