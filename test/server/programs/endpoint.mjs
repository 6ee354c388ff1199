// An application serving the durable functions of a compiled module over HTTP.
//   node endpoint.mjs FUNCTIONS_MODULE
// Configured by the DISPATCH_* variables; prints "listening URL" once it listens.
// (An application imports "dispatch-ts/server"; the tests use the built file directly.)
import { serveFunctions } from "../../../dist/runtime/server/index.js";

await import(process.argv[2]);
const served = await serveFunctions();
console.log(`listening ${served.url}`);
