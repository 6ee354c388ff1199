// 99010 (warning): the same wire name in two modules.
import * as dispatch from "dispatch-ts";

export const notifyAgain = dispatch.function({ name: "notify" }, async function notifyAgain(msg: string) {
  return msg.toUpperCase();
});
