// A dispatch-ts-ignore comment silences the diagnostic on the next line (and its pair).
import * as dispatch from "dispatch-ts";
import { connect } from "node:net";
import { step } from "./steps.js";

export const ignored = dispatch.function(async function ignored(port: number) {
  // dispatch-ts-ignore: the connection is closed before the first durable await in production
  const conn = connect(port);
  const n = await step(port);
  conn.end();
  return n;
});
