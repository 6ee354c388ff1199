// A module without durable code (it does not import dispatch-ts): the
// transformer leaves it as it is, so its generators stay native and its
// classes are not registered; unserializable.ts holds their values across
// durable calls.

export function* plainNumbers(): Generator<number> {
  yield 1;
  yield 2;
}

export class PlainCounter {
  #count = 0;
  bump(): number {
    return ++this.#count;
  }
}
