// Case tests are evaluated in order until one matches; bodies fall through.
"use durable";
export async function classify(v: number, limit: () => Promise<number>): Promise<string[]> {
  const out: string[] = [];
  switch (v) {
    case await limit():
      out.push("at limit");
    case 0:
      out.push("zero or fell through");
      break;
    default:
      out.push("other");
  }
  return out;
}
