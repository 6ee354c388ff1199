// Waiting for events and racing durable calls against timers, as users write it.
import * as dispatch from "dispatch-ts";

export const approve = dispatch.function(async function approve(requestId: string) {
  return `approved ${requestId}`;
});

export const review = dispatch.function(async function review(requestId: string, reviewers: string[]) {
  const asked = new Set<string>();
  for (const r of reviewers) asked.add(r);
  const decision = await dispatch.race([approve(requestId), dispatch.sleep("2d")]);
  const first = await dispatch.any(reviewers.map((r) => approve(`${requestId}/${r}`)));
  const all = await dispatch.all([approve("a"), approve("b")]);
  const signal = await dispatch.waitForEvent(`review:${requestId}`, { timeout: "1h" });
  return { decision, first, all, asked: [...asked], signal };
});
