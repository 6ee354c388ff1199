// Closures that are only ever called (direct-closures.ts): `scale`, made in each
// iteration, becomes a module-level function taking the frame and the loop's
// environment first, and its calls pass them (none is made: the frame field
// stays undefined; the factory stays in the descriptor). `held` escapes into an
// array and `selfish` calls itself, so both stay closures made by their factory.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("called-only-closure.ts", 5);
const $d0 = $m.fn('{"name":"loop","slots":["n","out","sum","$e0","scale","held","$e1","$t0","$t1","$t2"],"tries":[],"lines":[0,9,11,15,15,15],"layout":"4c0f21559e30ab46","body":"fc4a05c3bc7f505d","length":2}', [
    ($f, $e0) => ({ "scale": (x) => x * 2 + $e0.i })["scale"],
    ($f, $e0) => ({ "held": () => $e0.i })["held"],
    ($f, $e1) => ({ "selfish": (k) => (k > 0 ? (0, $rt.live($e1.selfish, "selfish"))(k - 1) : $f.sum) })["selfish"]
]);
const $d0_0 = ({ "scale": ($f, $e0, x) => x * 2 + $e0.i })["scale"];
var loop = $rt.helper($d0, async function loop(n, out) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.n = n;
                        $f.out = out;
                        $f.sum = 0;
                        $f.$e0 = { i: void 0 };
                        $f.$e0.i = 0;
                        $f.$e0 = { i: $f.$e0.i };
                    case 1:
                        if (!($f.$e0.i < $f.n)) {
                            $f.$pc = 5;
                            continue $loop;
                        }
                        $f.$e1 = { selfish: $rt.UNINITIALIZED };
                        $f.scale = void 0;
                        $f.$t0 = $f.sum;
                        $f.$a = $f.$e0.i;
                        $f.$pc = 2;
                    case 2:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.sum = $f.$t0 + $d0_0($f, $f.$e0, $r);
                        $f.held = $rt.closure($f, $d0, 1, $f.$e0);
                        $f.out.push($f.held);
                        $f.$e1.selfish = $rt.closure($f, $d0, 2, $f.$e1);
                        $f.$t1 = $f.sum;
                        $f.$t2 = $f.$e1.selfish;
                        $f.$a = 1;
                        $f.$pc = 3;
                    case 3:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.sum = $f.$t1 + (0, $f.$t2)($r);
                    case 4:
                        $f.$e0 = { i: $f.$e0.i };
                        $f.$e0.i++;
                        $f.$pc = 1;
                        continue $loop;
                    case 5: return $rt.ret($f, $f.sum);
                }
            }
            catch ($x) {
                $f = $rt.caught($f, $x);
            }
        }
    }
    finally {
        $rt.exit($f);
    }
});
$m.refs({ loop });
export { loop };
