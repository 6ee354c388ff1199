export { createEndpoint, type Endpoint, type IncomingRun, isRunPath, type RunReply, runPath } from "./endpoint.js";
export { createFetchHandler, type FetchHandler } from "./fetch-handler.js";
export type { FunctionRunner } from "./function-runner.js";
export { consoleLogger, type Logger } from "./logger.js";
export { defaultMaxBodyBytes, type EndpointOptions, endpointOptions, type ResolvedEndpointOptions } from "./options.js";
export { announcedLength, readBody } from "./read-body.js";
