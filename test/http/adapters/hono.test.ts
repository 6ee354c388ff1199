import { Hono } from "hono";
import { serve } from "../../../runtime/http/adapters/hono/index.js";
import { endpointSuite } from "../support/endpoint-suite.js";

endpointSuite("hono", (options) => {
  const app = new Hono();
  app.get("/health", (c) => c.text("ok"));
  return serve(options, app);
});
