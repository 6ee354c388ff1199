// Decorated methods: the decorator is rewritten to receive the lowered method's descriptor.
import * as dispatch from "dispatch-ts";

export const load = dispatch.function(async function load(id: number) {
  return id;
});

export class Store {
  @dispatch.function({ name: "Store.read", version: "v1" })
  async read(id: number): Promise<number> {
    return (await load(id)) + 1;
  }

  @dispatch.durable
  static async twice(id: number): Promise<number> {
    return (await load(id)) * 2;
  }
}
