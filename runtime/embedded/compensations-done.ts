// dispatch.run returns once its root call finished and the compensations under way in its tree
// are done. A race loser cancelled by a call of the tree runs its catch/finally on its own, maybe
// after the root returned; stopping the scheduler then would leave that compensation for the next
// run of the program (file store) or lose it (memory). Compensations of an earlier, crashed run of
// the same root are found too: the store is asked, not this process's memory.
import type { Scheduler } from "../scheduler/scheduler.js";
import type { Store } from "../scheduler/store/types.js";

export async function compensationsDone(scheduler: Scheduler, store: Store, rootId: string): Promise<void> {
  for (;;) {
    // Listening before reading, so a compensation that ends between the two is not missed.
    let off = (): void => {};
    const ended = new Promise<void>((resolve) => {
      off = scheduler.on("call:cancelled", () => resolve());
    });
    try {
      const open = await store.listCalls({ rootId, cancelling: true, rootsOnly: false, limit: 1 });
      if (open.length === 0) return;
      await ended;
    } finally {
      off();
    }
  }
}
