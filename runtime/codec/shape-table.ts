// Plain-object shapes (key lists) already written in this encoding, indexed by
// their first key. Keys from getOwnPropertyNames are internalized strings, so
// comparing a candidate list is a few pointer comparisons; one Map lookup per
// object replaced one per key of the first design (docs/CODEC.md).
//
// The table is kept from one encoding to the next, as the encoder's string
// table is (states repeat their shapes, and Map.clear() allocates a new table
// each time): a shape counts in this encoding only if its epoch is the current
// one, and gets the next id again when first met in a new encoding. It is
// dropped past MAX_SHAPES shapes or MAX_KEY_CHARS characters of keys.

export interface Shape {
  keys: readonly (string | symbol)[];
  id: number;
  epoch: number;
}

const MAX_SHAPES = 1024;
const MAX_KEY_CHARS = 1 << 16;

export class ShapeTable {
  private byFirstKey = new Map<string | symbol, Shape[]>();
  private shapes = 0;
  private keyChars = 0;
  private epoch = 0;
  private empty = -1;
  /** Shapes numbered in this encoding: the next id. */
  size = 0;

  /** The id of this key list, or -1 after giving it the next id (the caller then writes the keys). */
  lookup(keys: readonly (string | symbol)[]): number {
    const n = keys.length;
    if (n === 0) {
      if (this.empty >= 0) return this.empty;
      this.empty = this.size++;
      return -1;
    }
    const candidates = this.byFirstKey.get(keys[0]!);
    if (candidates !== undefined) {
      for (let c = 0; c < candidates.length; c++) {
        const shape = candidates[c]!;
        const known = shape.keys;
        if (known.length !== n) continue;
        let i = 1;
        while (i < n && known[i] === keys[i]) i++;
        if (i < n) continue;
        if (shape.epoch === this.epoch) return shape.id;
        shape.epoch = this.epoch;
        shape.id = this.size++;
        return -1;
      }
      candidates.push(this.add(keys));
    } else {
      this.byFirstKey.set(keys[0]!, [this.add(keys)]);
    }
    return -1;
  }

  private add(keys: readonly (string | symbol)[]): Shape {
    this.shapes++;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      this.keyChars += typeof k === "string" ? k.length + 1 : 1;
    }
    return { keys, id: this.size++, epoch: this.epoch };
  }

  /** Ends an encoding: its ids no longer count. */
  clear(): void {
    this.epoch++;
    this.empty = -1;
    this.size = 0;
    if (this.shapes > MAX_SHAPES || this.keyChars > MAX_KEY_CHARS || this.epoch > 2 ** 52) {
      this.byFirstKey = new Map();
      this.shapes = this.keyChars = this.epoch = 0;
    }
  }
}
