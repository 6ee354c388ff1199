// Plain-object shapes (key lists) already written in this encoding, indexed by
// their first key. Keys from getOwnPropertyNames are internalized strings, so
// comparing a candidate list is a few pointer comparisons; one Map lookup per
// object replaced one per key of the first design (docs/CODEC.md).

export interface Shape {
  keys: readonly (string | symbol)[];
  id: number;
}

export class ShapeTable {
  private readonly byFirstKey = new Map<string | symbol, Shape[]>();
  private empty = -1;
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
        if (i === n) return shape.id;
      }
      candidates.push({ keys, id: this.size++ });
    } else {
      this.byFirstKey.set(keys[0]!, [{ keys, id: this.size++ }]);
    }
    return -1;
  }

  clear(): void {
    this.byFirstKey.clear();
    this.empty = -1;
    this.size = 0;
  }
}
