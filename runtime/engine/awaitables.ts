// Engine-owned things a frame may await, found by identity. A WeakMap and not
// a symbol property: looking a symbol up on a user's object could run a Proxy
// trap or a getter, which a native await never would.
import type { Awaitable } from "./kernel.js";

export const awaitables = new WeakMap<object, Awaitable>();
