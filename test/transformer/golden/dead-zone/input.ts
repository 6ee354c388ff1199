// Only reads that can run before their declaration are checked for the temporal dead zone.
"use durable";
export async function late(log: (v: unknown) => void): Promise<number> {
  await null;
  try {
    // @ts-expect-error the read in the dead zone is what this input shows
    log(value);
  } catch {
    log("dead zone");
  }
  const value = await 1;
  log(value);
  return value;
}
