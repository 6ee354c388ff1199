// One execution of a durable call between two protocol answers: it drives the
// coroutine tree until the root settles (Exit) or every live branch waits on a
// durable operation (Poll). It owns the call's durable state besides frames:
// correlation ids, the calls made, cancellations, and the call's context.
import type { Tree, TreeObserver } from "./tree.js";
import type { Kernel } from "./kernel.js";
import { CallState, DurableCall, type CallTarget } from "./durable-call.js";

export interface CallContext {
  dispatchId: string;
  parentDispatchId: string;
  rootDispatchId: string;
  creationTime: Date | undefined;
  expirationTime: Date | undefined;
  /** 1 for the first run of the call, counting retries (our RunRequest extension). */
  attempt: number;
  /** The wire name of the running function. */
  function: string;
}

export type RunOutcome = { kind: "exit"; ok: boolean; value: unknown } | { kind: "suspend" };

export class Run implements TreeObserver {
  root!: Kernel;
  tree!: Tree;
  readonly calls = new Map<number, DurableCall>();
  nextCorrelationId = 1;
  private settle!: (o: RunOutcome) => void;
  readonly outcome: Promise<RunOutcome>;
  private checkScheduled = false;
  private over = false;

  constructor(readonly context: CallContext) {
    this.outcome = new Promise((resolve) => (this.settle = resolve));
  }

  newCall(target: CallTarget, args: unknown[]): DurableCall {
    const c = new DurableCall(this.nextCorrelationId++, target, args);
    this.calls.set(c.correlationId, c);
    return c;
  }

  /** Watches the root activation and the tree. */
  attach(root: Kernel, promise: Promise<unknown>): void {
    this.root = root;
    this.tree = root.tree;
    this.tree.run = this;
    this.tree.observer = this;
    promise.then(
      (value) => this.finish({ kind: "exit", ok: true, value }),
      (error) => this.finish({ kind: "exit", ok: false, value: error }),
    );
    this.changed(this.tree);
  }

  /** Watches a tree decoded from state; its root's promise settles when the re-entered root does. */
  attachResumed(root: Kernel, tree: Tree): void {
    root.tree = tree;
    this.attach(root, root.promise!);
  }

  changed(tree: Tree): void {
    // An empty tree is not waiting on anything: its root has returned or thrown, and the exit is
    // on its way through the root's promise. A tree that fills again and waits calls this again
    // (every durable wait does), so nothing is missed by not checking now; a call that returns
    // at once (each branch of a fan-out) then costs no macrotask.
    if (this.over || this.checkScheduled || tree.size === 0 || !tree.quiescent()) return;
    // Microtasks already queued (a settled await about to resume) run before a macrotask:
    // only a tree still quiescent then is really waiting on durable operations.
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      if (!this.over && tree.quiescent() && tree.size > 0) this.finish({ kind: "suspend" });
    });
  }

  private finish(o: RunOutcome): void {
    if (this.over) return;
    this.over = true;
    this.tree.observer = null;
    this.settle(o);
  }

  /** Calls made since the last Poll, marked as sent. */
  takeNewCalls(): DurableCall[] {
    const out: DurableCall[] = [];
    for (const c of this.calls.values()) {
      if (c.state === CallState.New) {
        c.state = CallState.Pending;
        c.sent = true;
        out.push(c);
      }
    }
    return out;
  }

  /** Calls cancelled since the last Poll (losers of any/race); forgotten once reported. */
  takeCancelled(): DurableCall[] {
    const out: DurableCall[] = [];
    for (const [id, c] of this.calls) {
      if (c.state === CallState.Cancelled) {
        if (c.sent) out.push(c);
        this.calls.delete(id);
      }
    }
    return out;
  }

  /** Calls whose results have not arrived. */
  pending(): DurableCall[] {
    return [...this.calls.values()].filter((c) => c.state === CallState.Pending || c.state === CallState.New);
  }
}
