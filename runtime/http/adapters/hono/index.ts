export type { Listening, ServeOptions } from "../node/listen.js";
export { createHandler, serve } from "./handler.js";
