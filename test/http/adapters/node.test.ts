import { serve } from "../../../runtime/http/adapters/node/index.js";
import { endpointSuite } from "../support/endpoint-suite.js";

endpointSuite("node:http", (options) =>
  serve(options, (req, res) => {
    res.statusCode = req.url === "/health" ? 200 : 404;
    res.end(req.url === "/health" ? "ok" : "");
  }),
);
