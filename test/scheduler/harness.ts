// Runs a scheduler test body against every store: a fresh store per test, a ManualClock, the
// fake endpoint, fixed jitter. `restart()` simulates a crash: the old scheduler stops at once
// (its runs in flight are forgotten) and a new one starts over the same store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe } from "vitest";
import { ManualClock } from "../../runtime/scheduler/manual-clock.js";
import type { SchedulerEvents } from "../../runtime/scheduler/events.js";
import type { SchedulerInit } from "../../runtime/scheduler/options.js";
import { createScheduler, type Scheduler } from "../../runtime/scheduler/scheduler.js";
import { createMemoryStore } from "../../runtime/scheduler/store/memory/index.js";
import { openSqliteStore } from "../../runtime/scheduler/store/sqlite/index.js";
import type { Store } from "../../runtime/scheduler/store/types.js";
import { FakeEndpoint, type Handler } from "./fake-functions.js";

export interface StoreFactory {
  readonly name: string;
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

export const STORES: readonly StoreFactory[] = [
  { name: "memory", open: async () => ({ store: createMemoryStore(), dispose: async () => {} }) },
  {
    name: "sqlite",
    open: async () => {
      const folder = mkdtempSync(join(tmpdir(), "dispatch-scheduler-"));
      const store = await openSqliteStore({ folder });
      return {
        store,
        dispose: async () => {
          await store.close();
          rmSync(folder, { recursive: true, force: true });
        },
      };
    },
  },
];

type Init = Partial<Omit<SchedulerInit, "store" | "invoker">>;

export class Harness {
  readonly clock = new ManualClock();
  endpoint = new FakeEndpoint();
  scheduler!: Scheduler;
  store!: Store;
  #dispose: () => Promise<void> = async () => {};

  constructor(private readonly factory: StoreFactory) {}

  async start(init: Init = {}, handlers: Record<string, Handler> = {}): Promise<Scheduler> {
    const opened = await this.factory.open();
    this.store = opened.store;
    this.#dispose = opened.dispose;
    this.endpoint = new FakeEndpoint(handlers);
    this.scheduler = await createScheduler(this.#init(init));
    return this.scheduler;
  }

  /** A crash and a restart over the same store, with possibly different functions. */
  async restart(init: Init = {}, handlers?: Record<string, Handler>): Promise<Scheduler> {
    this.scheduler.abandon();
    if (handlers) this.endpoint = new FakeEndpoint(handlers);
    this.scheduler = await createScheduler(this.#init(init));
    return this.scheduler;
  }

  async dispose(): Promise<void> {
    await this.scheduler?.close();
    await this.#dispose();
  }

  #init(init: Init): SchedulerInit {
    return { store: this.store, invoker: this.endpoint.invoker, clock: this.clock, random: () => 0.5, ...init };
  }
}

/** Declares `body` once per store, each test with a fresh Harness. */
export function forEachStore(body: (harness: () => Harness) => void): void {
  for (const factory of STORES) {
    describe(`on the ${factory.name} store`, () => {
      let harness: Harness;
      beforeEach(() => {
        harness = new Harness(factory);
      });
      afterEach(async () => {
        await harness.dispose();
      });
      body(() => harness);
    });
  }
}

/** Resolves with the first `count` events of one kind (listen before causing them). */
export function nextEvents<K extends keyof SchedulerEvents>(
  scheduler: Scheduler,
  name: K,
  count: number,
  predicate: (payload: SchedulerEvents[K]) => boolean = () => true,
): Promise<SchedulerEvents[K][]> {
  return new Promise((resolve) => {
    const seen: SchedulerEvents[K][] = [];
    const off = scheduler.on(name, (payload) => {
      if (!predicate(payload)) return;
      seen.push(payload);
      if (seen.length < count) return;
      off();
      resolve(seen);
    });
  });
}
