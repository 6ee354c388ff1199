export { createHandler, type NodeHandler } from "./handler.js";
export type { Listening, ServeOptions } from "./listen.js";
export { serve } from "./serve.js";
