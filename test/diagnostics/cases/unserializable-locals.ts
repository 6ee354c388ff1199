// 99002 + 99003: a frame-resident local whose type cannot be serialized, live at a durable await.
import * as dispatch from "dispatch-ts";
import { connect } from "node:net";
import { step } from "./steps.js";

class Counter {
  #count = 0;
  bump(): number {
    return ++this.#count;
  }
}

function* numbers(): Generator<number> {
  yield 1;
}

export const socket = dispatch.function(async function socket(port: number) {
  const conn = connect(port);
  const n = await step(port);
  conn.end();
  return n;
});

export const kinds = dispatch.function(async function kinds(n: number) {
  const seen = new WeakMap<object, number>();
  const keys = new Map([["a", 1]]).keys();
  const gen = numbers();
  const pending = fetch("http://127.0.0.1:1/");
  const tag = Symbol("tag");
  const counter = new Counter();
  const abort = new AbortController();
  const ok = { n, at: new Date(), list: [1, 2], byName: new Map<string, number>() };
  await step(n);
  return [seen, keys, gen, pending, tag, counter, abort, ok];
});

export const nested = dispatch.function(async function nested(ports: number[]) {
  const conns = ports.map((p) => connect(p));
  const holder = { ref: new WeakRef(conns) };
  await dispatch.sleep("1s");
  return [conns.length, holder];
});

export const looped = dispatch.function(async function looped(urls: string[]) {
  let total = 0;
  for (const url of urls) {
    const res = await fetch(url);
    total += await step(res.status);
  }
  return total;
});

export const settled = dispatch.function(async function settled(url: string) {
  const response = fetch(url);
  const status = (await response).status;
  return status + (await step(status));
});
