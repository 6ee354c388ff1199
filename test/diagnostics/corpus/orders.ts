// An order workflow as users write it: steps that do I/O with ordinary awaits,
// a workflow that calls them durably, keeps plain data across the calls, and
// uses helpers, fan-out, timers and errors. It must compile without diagnostics.
import * as dispatch from "dispatch-ts";

export interface Order {
  id: string;
  items: { sku: string; quantity: number; cents: number }[];
  email: string;
  placedAt: Date;
}

export class PaymentDeclined extends Error {
  constructor(readonly orderId: string, readonly reason: string) {
    super(`payment for ${orderId} declined: ${reason}`);
    this.name = "PaymentDeclined";
  }
}

/** A value object declared in a transformed module: saved with its prototype. */
export class Money {
  constructor(readonly cents: number, readonly currency = "EUR") {}
  plus(other: Money): Money {
    return new Money(this.cents + other.cents, this.currency);
  }
  toString(): string {
    return `${(this.cents / 100).toFixed(2)} ${this.currency}`;
  }
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
  if (res.status === 429) throw new dispatch.ThrottledError(`throttled by ${url}`);
  if (!res.ok) throw new dispatch.TemporaryError(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

export const reserveStock = dispatch.function(async function reserveStock(sku: string, quantity: number) {
  const body = await getJson<{ reserved: boolean }>(`https://stock.example/reserve/${sku}?n=${quantity}`, { method: "POST" });
  return body.reserved;
});

export const charge = dispatch.function(async function charge(orderId: string, cents: number) {
  const res = await fetch("https://pay.example/charge", { method: "POST", body: JSON.stringify({ orderId, cents }) });
  const result = (await res.json()) as { ok: boolean; reason?: string };
  if (!result.ok) throw new PaymentDeclined(orderId, result.reason ?? "unknown");
  return `ch_${orderId}`;
});

export const sendEmail = dispatch.function({ name: "orders.sendEmail" }, async function sendEmail(to: string, subject: string) {
  await fetch("https://mail.example/send", { method: "POST", body: JSON.stringify({ to, subject }) });
});

const totalOf = dispatch.durable(async function totalOf(order: Order) {
  let total = new Money(0);
  for (const item of order.items) total = total.plus(new Money(item.cents * item.quantity));
  return total;
});

export const placeOrder = dispatch.function(async function placeOrder(order: Order) {
  const log: string[] = [];
  const reserved = new Map<string, boolean>();
  const started = new Date();
  for (const item of order.items) {
    reserved.set(item.sku, await reserveStock(item.sku, item.quantity));
    log.push(`reserved ${item.sku}`);
  }
  const missing = [...reserved].filter(([, ok]) => !ok).map(([sku]) => sku);
  if (missing.length > 0) return { status: "out-of-stock" as const, missing };

  const total = await totalOf(order);
  const describe = (what: string) => `${order.id}: ${what} (${total})`;
  let chargeId: string;
  try {
    chargeId = await charge(order.id, total.cents);
  } catch (e) {
    if (e instanceof PaymentDeclined) {
      await sendEmail(order.email, describe(`declined: ${e.reason}`));
      return { status: "declined" as const, reason: e.reason };
    }
    throw e;
  }
  const receipts = await dispatch.gather([sendEmail(order.email, describe("paid")), sendEmail("ops@example.com", describe("new order"))]);
  await dispatch.sleep("1h");
  await sendEmail(order.email, describe("how was it?"));
  return { status: "done" as const, chargeId, log, receipts: receipts.length, took: Date.now() - started.getTime() };
});
