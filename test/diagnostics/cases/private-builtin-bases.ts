// 99002 + 99003: #private classes that extend built-ins, held across a durable await.
import * as dispatch from "dispatch-ts";
import { Ledger, step } from "./steps.js";
import { PlainBase } from "./plain.js";

class Tally extends Map<string, number> {
  #bumps = 0;
  bump(k: string): number {
    this.set(k, (this.get(k) ?? 0) + 1);
    return ++this.#bumps;
  }
}

class Journal extends Array<string> {
  #writes = 0;
}

class RetryError extends Error {
  #attempts = 0;
}

class Params extends URLSearchParams {
  #edits = 0;
}

class Query extends URLSearchParams {
  #edits = 0;
  toDurable(): [string, number] {
    return [this.toString(), this.#edits];
  }
  static fromDurable(data: [string, number]): Query {
    const q = new Query(data[0]);
    q.#edits = data[1];
    return q;
  }
}

export const bases = dispatch.function(async function bases(n: number) {
  const tally = new Tally();
  const journal = new Journal();
  const error = new RetryError("x");
  const params = new Params("a=1");
  const query = new Query("a=1");
  await step(n);
  return [tally.bump("a"), journal.length, error.message, params.toString(), query.toString()];
});

// A #private class over a class of a module without durable code, and over one of a module with durable code.
class OverPlain extends PlainBase {
  #n = 0;
}

class OverDurable extends Ledger {
  #m = 0;
}

export const overOtherModules = dispatch.function(async function overOtherModules(n: number) {
  const plain = new OverPlain();
  const durable = new OverDurable();
  await step(n);
  return [plain.label, durable.add(1)];
});
