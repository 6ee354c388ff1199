// A module without durable code (no dispatch-ts import, no "use durable"): the
// transformer leaves it alone, so its generators stay native and its #private
// classes are not registered (no diagnostics here; the cases that hold their values are).

export function* plainPages(): Generator<number> {
  yield 1;
}

export class PlainCounter {
  #count = 0;
  bump(): number {
    return ++this.#count;
  }
}

/** No #private members, in a module without durable code: a #private subclass elsewhere is refused. */
export class PlainBase {
  label = "p";
}
