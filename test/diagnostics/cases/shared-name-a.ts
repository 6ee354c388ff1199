// 99010 (warning): the same wire name in two modules.
import * as dispatch from "dispatch-ts";

export const notify = dispatch.function(async function notify(msg: string) {
  return msg;
});
