import express from "express";
import { serve } from "../../../runtime/http/adapters/express/index.js";
import { endpointSuite } from "../support/endpoint-suite.js";

endpointSuite("express", (options) => {
  const app = express();
  app.use(express.json());
  app.get("/health", (_req, res) => {
    res.send("ok");
  });
  return serve(options, app);
});
