// A base class with #private state in a module without durable code: the
// compiler leaves it alone, so nothing registers its private fields.
export class Ledger {
  #entries: string[] = [];
  note(e: string) {
    this.#entries.push(e);
    return this;
  }
  entries() {
    return this.#entries.join(",");
  }
}
