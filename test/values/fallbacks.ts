// Stand-ins for the state codec, which the engine passes to the values layer.

import v8 from "node:v8";
import type { ValueCodec } from "../../runtime/values/index.js";

/** node:v8 structured serialization: exact for most built-in values. */
export const v8Codec: ValueCodec = {
  encode: (value) => new Uint8Array(v8.serialize(value)),
  decode: (data) => v8.deserialize(data),
};

/** Keeps the values themselves and sends their index: identity survives, any class. */
export function identityCodec(): ValueCodec & { values: unknown[] } {
  const values: unknown[] = [];
  return {
    values,
    encode(value) {
      values.push(value);
      return new Uint8Array([values.length - 1]);
    },
    decode(data) {
      if (data.length !== 1 || data[0]! >= values.length) throw new Error("cannot decode value: unknown index");
      return values[data[0]!];
    },
  };
}

/** A codec that cannot encode or decode anything. */
export const refusingCodec: ValueCodec = {
  encode() {
    throw new Error("cannot encode value: refused");
  },
  decode() {
    throw new Error("cannot decode value: refused");
  },
};
