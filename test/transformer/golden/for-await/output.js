// for await: each next() result and an early exit's return() are awaited as resume points.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("for-await.ts", 5);
const $d0 = $m.fn('{"name":"collect","slots":["source","max","out","n","$t0","$t1","$t2","$c0"],"tries":[[1,-1,3,8],[4,6,-1,7]],"lines":[0,5,5,5,5,5,5,5,5],"layout":"8643b414aeb9983a","body":"05f9786608b28e49","length":2}');
var collect = $rt.helper($d0, async function collect(source, max) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.source = source;
                        $f.max = max;
                        $f.out = [];
                        $f.$t0 = $rt.asyncIterate($f.source);
                        $f.$pc = 1;
                    case 1:
                        $f.$a = $rt.asyncNext($f.$t0);
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.$t1 = $rt.asyncStep($f.$t0, $r);
                        if ($f.$t1 === $rt.DONE) {
                            $f.$pc = 8;
                            continue $loop;
                        }
                        $f.n = $f.$t1;
                        $f.$t1 = void 0;
                        {
                            if ($f.out.length >= $f.max) {
                                $rt.abrupt($f, 3, 8);
                                continue $loop;
                            }
                            $f.out.push($f.n);
                        }
                        $f.$pc = 1;
                        continue $loop;
                    case 3:
                        $f.$t2 = $rt.asyncReturn($f.$t0, $f.$c0);
                        if ($f.$t2 === $rt.DONE) {
                            $f.$pc = 7;
                            continue $loop;
                        }
                        $f.$pc = 4;
                    case 4:
                        $f.$a = $f.$t2;
                        $f.$pc = 5;
                    case 5:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $rt.asyncReturned($r, $f.$c0);
                        $f.$pc = 7;
                        continue $loop;
                    case 6:
                        $rt.asyncReturnRejected($f.$e, $f.$c0);
                        $f.$e = void 0;
                        $f.$pc = 7;
                    case 7:
                        $f.$t2 = void 0;
                        switch ($rt.finish($f, 0)) {
                            case 1: continue $loop;
                            case 2: return $rt.ret($f, $f.$r);
                        }
                        $f.$pc = 8;
                    case 8:
                        $f.$t0 = $f.$t1 = void 0;
                        return $rt.ret($f, $f.out);
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
$m.refs({ collect });
export { collect };
