// The public API of dispatch-ts. Grows with the engine (durable calls,
// gather/any/race, sleep, run); today: marking durable helpers.
export { durable } from "./api/durable.js";
export { configureTestModes } from "./engine/settings.js";
