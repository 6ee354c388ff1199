// Per-iteration environments: a classic for whose let a closure captures gets one
// object per iteration (copied before the increment); the for-of binding and the
// body's const get theirs on each entry; `plain` is captured by nothing and stays
// a frame field. The nested closure receives both environments.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("per-iteration-env.ts", 5);
const $d0 = $m.fn('{"name":"loops","slots":["fns","$e0","$e1","plain","$e2","$t0","$t1","$c0"],"tries":[[2,-1,4,5]],"lines":[0,7,8,10,12,12,12,12],"layout":"bc8f6f29cc17ce0f","body":"1edd750b13fb1e96","length":1}', [
    ($f, [$e0, $e1, $e2]) => () => `${$e0.i}${$e1.s}${$e2.tag}`
]);
var loops = $rt.helper($d0, async function loops(fns) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.fns = fns;
                        $f.$e0 = { i: void 0 };
                        $f.$e0.i = 0;
                        $f.$e0 = { i: $f.$e0.i };
                    case 1:
                        if (!($f.$e0.i < 2)) {
                            $f.$pc = 7;
                            continue $loop;
                        }
                        $f.$t0 = $rt.iterate(["a", "b"]);
                        $f.$pc = 2;
                    case 2:
                        $f.$t1 = $rt.step($f.$t0);
                        if ($f.$t1 === $rt.DONE) {
                            $f.$pc = 5;
                            continue $loop;
                        }
                        $f.$e1 = { s: void 0 };
                        $f.$e1.s = $f.$t1;
                        $f.$t1 = void 0;
                        $f.$e2 = { tag: void 0 };
                        $f.plain = $f.$e1.s + $f.$e0.i;
                        $f.$a = $f.plain;
                        $f.$pc = 3;
                    case 3:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.$e2.tag = $f.plain + "!";
                        $f.fns.push($rt.closure($f, $d0, 0, [$f.$e0, $f.$e1, $f.$e2]));
                        $f.$pc = 2;
                        continue $loop;
                    case 4:
                        $rt.closeFor($f.$t0, $f.$c0);
                        switch ($rt.finish($f, 0)) {
                            case 1: continue $loop;
                            case 2: return $rt.ret($f, $f.$r);
                        }
                        $f.$pc = 5;
                    case 5: $f.$t0 = $f.$t1 = void 0;
                    case 6:
                        $f.$e0 = { i: $f.$e0.i };
                        $f.$e0.i++;
                        $f.$pc = 1;
                        continue $loop;
                    case 7: return $rt.ret($f, void 0);
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
$m.refs({ loops });
export { loops };
