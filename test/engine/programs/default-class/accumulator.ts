// An anonymous `export default class` of a "use durable" module: its async methods are durable
// helpers and its instances are saved by reference to the class (test/engine/default-class.test.ts).
"use durable";
import { square } from "./square.js";

export default class {
  total = 0;
  async add(n: number): Promise<number> {
    this.total += await square(n);
    return this.total;
  }
  static async fresh(start: number): Promise<number> {
    return await square(start);
  }
}
