// A try with awaits becomes a try-table entry; a return inside it runs the finally first.
"use durable";
export async function guarded(work: () => Promise<string>, log: (m: string) => void): Promise<string> {
  try {
    return await work();
  } catch (e) {
    log("failed");
    throw e;
  } finally {
    await null;
    log("cleanup");
  }
}
