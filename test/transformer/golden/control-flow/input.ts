// if/else, while and do-while become marks and jumps; statements without awaits stay as written.
"use durable";
export async function poll(check: () => Promise<boolean>, limit: number): Promise<number> {
  let tries = 0;
  while (!(await check())) {
    tries++;
    if (tries > limit) return -1;
    else await null;
  }
  do {
    tries--;
  } while (await check() && tries > 0);
  for (let i = 0; i < 3; i++) tries += i;
  return tries;
}
