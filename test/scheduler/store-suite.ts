// The one test suite every store runs (Vercel Workflow's createTestSuite idea): the store
// contract, operation by operation, with opaque bytes. A new backend (PostgreSQL) passes this
// before the scheduler runs on it.
import { afterEach, beforeEach, describe } from "vitest";
import type { Store } from "../../runtime/scheduler/store/types.js";
import { callContract } from "./store-contract-calls.js";
import { cancelContract } from "./store-contract-cancel.js";
import { eventContract } from "./store-contract-events.js";
import { loserContract } from "./store-contract-losers.js";
import { pollContract } from "./store-contract-polls.js";

export { newCall } from "./store-contract-helpers.js";

export function storeSuite(name: string, makeStore: () => Promise<Store>, cleanup: () => Promise<void> = async () => {}): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });
    const current = () => store;
    describe("calls", () => callContract(current));
    describe("polls", () => pollContract(current));
    describe("events", () => eventContract(current));
    describe("cancellation", () => cancelContract(current));
    describe("cancelled losers", () => loserContract(current));
  });
}
