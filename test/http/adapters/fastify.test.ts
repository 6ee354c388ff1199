import fastify from "fastify";
import { serve } from "../../../runtime/http/adapters/fastify/index.js";
import { endpointSuite } from "../support/endpoint-suite.js";

endpointSuite("fastify", (options) => {
  const app = fastify();
  app.get("/health", async () => "ok");
  return serve(options, app);
});
