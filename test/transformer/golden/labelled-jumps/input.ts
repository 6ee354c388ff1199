// Labelled break and continue across lowered loops become jumps; a sync inner loop keeps native jumps.
"use durable";
export async function grid(rows: number[][], ok: (v: number) => Promise<boolean>): Promise<number> {
  let found = 0;
  outer: for (const row of rows) {
    for (const v of row) {
      if (v < 0) continue outer;
      if (!(await ok(v))) break outer;
      found++;
    }
    for (let i = 0; i < row.length; i++) if (row[i] === 0) break;
  }
  return found;
}
