// The runtime API that generated code imports (`dispatch-ts/internal`).
// Versioned: a transformed module built for another ABI fails at load time
// with a clear message instead of misbehaving.
export { ABI } from "./abi.js";
export { module } from "./engine/module-record.js";
export { enter, w, wo, r, caught, ret, exit, abrupt, finish, fresh } from "./engine/frame.js";
export { helper, methodHelper, methodHelpers, methodKey, privateMethodHelper, privateSuperMethodHelper, privateHelper } from "./engine/helpers.js";
export { durableBody } from "./engine/durable-body.js";
export { durableMethod } from "./api/method-decorators.js";
export { invoke } from "./engine/invoke.js";
export { superGet } from "./engine/super-property.js";
export { iterate, iterateCall, forIn, step, DONE } from "./engine/iteration.js";
export { stats, settings } from "./engine/settings.js";
export { context } from "./engine/context.js";
export { registerValue } from "./engine/runtime-refs.js";
// Installs the round trip of DISPATCH_SUSPEND_EVERY_AWAIT (kept out of the frame hooks, which must not depend on the codec).
import "./engine/suspend-every-await.js";
export { toKey, coercible, objectRest } from "./engine/properties.js";
export { asyncIterate, asyncNext, asyncStep, asyncReturn, asyncReturned, asyncReturnRejected } from "./engine/async-iteration.js";
export { UNINITIALIZED, live, liveWrite, deadZoneTarget } from "./engine/uninitialized.js";
export { stepValue, restOf, close, closeOnThrow, closeFor } from "./engine/iteration.js";
export { promiseAll, promiseAllSettled, promiseAny, promiseRace } from "./engine/promise-combinators.js";
export { closure } from "./engine/closures.js";
export { generator, gen, yielded, sent, genCaught, delegate, delegateStep } from "./engine/generators.js";
export { privateState, restoring } from "./engine/private-state.js";
