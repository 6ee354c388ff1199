import { timestampMs } from "@bufbuild/protobuf/wkt";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { call, inputOf, resultsOf, show, stateOf } from "./protocol.js";
import { forEachStore } from "./harness.js";

describe("scheduler: dispatch, run, results", () => {
  forEachStore((h) => {
    it("runs a call with a RunRequest carrying ids, times and the attempt", async () => {
      const s = await h().start({ defaultEndpoint: "http://127.0.0.1:1" });
      const [id] = await s.dispatch([call("child", 4, 0n, { expiration: durationFromMs(60_000) })]);
      expect(show(await s.result(id!))).toBe(40);
      const [request] = h().endpoint.requests;
      expect(request).toMatchObject({ function: "child", dispatchId: id, rootDispatchId: id, parentDispatchId: "", attempt: 1 });
      expect(inputOf(request!)).toBe(4);
      expect(timestampMs(request!.creationTime!)).toBe(h().clock.now());
      expect(timestampMs(request!.expirationTime!)).toBe(h().clock.now() + 60_000);
      expect(await s.get(id!)).toMatchObject({ id, status: "succeeded", endpoint: "http://127.0.0.1:1", step: 0 });
    });

    it("returns ids in the order of the calls", async () => {
      const s = await h().start();
      const ids = await s.dispatch([call("child", 1), call("child", 2), call("child", 3)]);
      expect(new Set(ids).size).toBe(3);
      const results = await Promise.all(ids.map((id) => s.result(id)));
      expect(results.map(show)).toEqual([10, 20, 30]);
    });

    it("fans out through a Poll and resumes the parent with the results and its state", async () => {
      const s = await h().start();
      const dispatched: string[] = [];
      s.on("call:dispatched", (e) => dispatched.push(e.function));
      const [id] = await s.dispatch([call("parent", [1, 2])]);
      expect(show(await s.result(id!))).toBe(30);
      expect(dispatched).toEqual(["parent", "child", "child"]);
      const children = h().endpoint.runs("child");
      expect(children.map((r) => [r.parentDispatchId, r.rootDispatchId])).toEqual([
        [id, id],
        [id, id],
      ]);
      const resume = h().endpoint.runs("parent")[1]!;
      expect(stateOf(resume)).toEqual({ n: 2 });
      expect(resume.attempt).toBe(1);
      const byCorrelation = Object.fromEntries(resultsOf(resume).map((r) => [String(r.correlationId), [show(r), r.dispatchId]]));
      expect(byCorrelation).toEqual({ "1": [10, children.find((c) => inputOf(c) === 1)!.dispatchId], "2": [20, children.find((c) => inputOf(c) === 2)!.dispatchId] });
      expect((await s.get(id!))!.step).toBe(1);
    });

    it("returns the existing call for a known idempotency key and runs it once", async () => {
      const s = await h().start();
      const [first] = await s.dispatch([call("child", 1)], { idempotencyKeys: ["k"] });
      await s.result(first!);
      const [again, other] = await s.dispatch([call("child", 1), call("child", 2)], { idempotencyKeys: ["k", undefined] });
      expect(again).toBe(first);
      expect(other).not.toBe(first);
      await s.result(other!);
      expect(h().endpoint.runs("child")).toHaveLength(2);
    });

    it("rejects an invalid call and stores none of the batch", async () => {
      const s = await h().start();
      await expect(s.dispatch([call("child", 1), call("bad name", 1)])).rejects.toThrow(
        'cannot dispatch call 1 ("bad name"): function "bad name" does not match ^[a-zA-Z_][a-zA-Z0-9_<>.]*$',
      );
      await expect(s.dispatch([call("child", 1)], { idempotencyKeys: [] })).rejects.toThrow(
        "cannot dispatch calls: 0 idempotency keys for 1 calls",
      );
      expect(await s.list()).toEqual([]);
    });

    it("lists root calls by status, newest first", async () => {
      const s = await h().start();
      const [a] = await s.dispatch([call("child", 1)]);
      await s.result(a!);
      const [b] = await s.dispatch([call("broken")]);
      await s.result(b!);
      const polled = s.next("call:poll");
      const [c] = await s.dispatch([call("sleeper", 5000)]);
      await polled;
      expect((await s.list()).map((x) => x.id)).toEqual([c, b, a]);
      expect((await s.list({ status: "failed" })).map((x) => x.id)).toEqual([b]);
      expect((await s.list({ status: "waiting" })).map((x) => [x.id, x.function])).toEqual([[c, "sleeper"]]);
      expect((await s.list({ limit: 1 })).map((x) => x.id)).toEqual([c]);
    });

    it("reports idle once nothing runs and nothing is runnable", async () => {
      const s = await h().start();
      const ids = await s.dispatch([call("parent", [1, 2]), call("sleeper", 60_000)]);
      await s.idle();
      expect(await Promise.all(ids.map(async (id) => (await s.get(id))!.status))).toEqual(["succeeded", "waiting"]);
      await s.idle();
    });

    it("rejects result() of an unknown call", async () => {
      const s = await h().start();
      await expect(s.result("nope")).rejects.toThrow("cannot get result of call nope: no such call");
    });

    it("serves DispatchService.Dispatch", async () => {
      const s = await h().start();
      const { create } = await import("@bufbuild/protobuf");
      const { DispatchRequestSchema } = await import("../../runtime/gen/dispatch/sdk/v1/dispatch_pb.js");
      const response = await s.serveDispatch(create(DispatchRequestSchema, { calls: [call("child", 7)] }));
      expect(response.dispatchIds).toHaveLength(1);
      expect(show(await s.result(response.dispatchIds[0]!))).toBe(70);
    });
  });
});
