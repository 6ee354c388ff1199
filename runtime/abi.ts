// The version of the contract between generated code and the runtime (the hooks generated code
// calls and what they take: docs/ARCHITECTURE.md, "The frame contract"). The transformer writes it
// into every module (`$rt.module(path, ABI)`) and the runtime refuses a module built for another.
// Bump it whenever generated code from the previous transformer would misbehave on this runtime.
//   1: the first hooks (`w`/`r` took the frame).
//   2: `$f = $rt.r($f.$k, await $rt.w($f.$k, $f.$a))`: the hooks take the kernel and the awaited value;
//      `$rt.wo` (w without the engine-awaitable check) for values the compiler knows are not the engine's.
//   3: `$r = $rt.r($k, await $rt.w($k, $f.$a)); $f = $k.frame`: `r` returns the settled value instead of
//      writing it into the frame's `$r` and returning the frame.
//   4: the ordinary await of a Running kernel is inline, `$k.state` 0 -> 1 -> 0, and the hooks are
//      called only otherwise (`$rt.context` is read to see that the frame is still the context).
//   5: `$m.fn(json, closures?)`: a descriptor's meta is one JSON string, its closure factories a
//      second argument; an await of a call takes both hooks with no inline test.
export const ABI = 5;
