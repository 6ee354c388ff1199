// dispatch.gather/all/any/race: Dispatch semantics over durable calls and
// helpers (PROTOCOL.md): all fails on the first error and keeps order, any
// returns the first success (all failed: an AggregateError listing every
// cause), race the first settled; with nothing to wait for all -> [],
// any/race -> undefined; losers of any/race are cancelled.
import { Directive, type DirectiveKind } from "../engine/directive.js";
import { settings } from "../engine/settings.js";
import { currentRun } from "./current-run.js";

function directive<R>(kind: DirectiveKind, items: Iterable<unknown>): Promise<R> {
  const list = [...items];
  if (settings.native || currentRun() === undefined) return nativeCombinator(kind, list) as Promise<R>;
  return new Directive(kind, list) as unknown as Promise<R>;
}

async function nativeCombinator(kind: DirectiveKind, list: unknown[]): Promise<unknown> {
  if (kind === "gather" || kind === "all") return Promise.all(list);
  if (list.length === 0) return undefined;
  if (kind === "dispatchAny") {
    try {
      return await Promise.any(list);
    } catch (e) {
      throw new AggregateError((e as AggregateError).errors, `all ${list.length} calls failed`);
    }
  }
  return Promise.race(list);
}

type Awaited2<T> = T extends PromiseLike<infer U> ? U : T;

export function gather<T extends readonly unknown[]>(items: T): Promise<{ -readonly [K in keyof T]: Awaited2<T[K]> }> {
  return directive("gather", items);
}

export function all<T extends readonly unknown[]>(items: T): Promise<{ -readonly [K in keyof T]: Awaited2<T[K]> }> {
  return directive("all", items);
}

export function any<T>(items: Iterable<T>): Promise<Awaited2<T> | undefined> {
  return directive("dispatchAny", items);
}

export function race<T>(items: Iterable<T>): Promise<Awaited2<T> | undefined> {
  return directive("dispatchRace", items);
}
