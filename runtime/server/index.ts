// dispatch-ts/server: serving durable functions over HTTP, and the standalone scheduler server.
export { createFunctionRunner, type EngineRunner, type FunctionRunnerOptions } from "./function-runner.js";
export { serveFunctions, type ServeFunctionsOptions, type ServedFunctions } from "./serve-functions.js";
export { createDetachedDispatcher, type DetachedDispatcherOptions } from "./detached-dispatcher.js";
export { RemoteRunner, type RemoteRunnerOptions } from "./remote-runner.js";
export { AdminClient, type AdminClientOptions } from "./admin-client.js";
export { startSchedulerServer, defaultSchedulerAddr, type SchedulerServer, type SchedulerServerOptions } from "./scheduler-server.js";
export { loadOrCreateSigningKey, loadOrCreateApiKey, newApiKey, SIGNING_KEY_FILE, API_KEY_FILE, type SigningKeyPair } from "./folder-secrets.js";
export { readServerFile, SERVER_FILE, type ServerInfo } from "./server-file.js";
export { storeQueries, CALL_STATUSES, type CallQueries, type ListFilter } from "./call-queries.js";
export type { CallView, CallDetails, ErrorView, LastErrorView, RetryView } from "./call-view.js";
