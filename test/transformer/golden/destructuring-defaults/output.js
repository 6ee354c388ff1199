// Patterns with awaited defaults become steps: iterator protocol for arrays, keyed reads and a rest copy for objects.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("destructuring-defaults.ts", 5);
const $d0 = $m.fn('{"name":"settings","slots":["src","pairs","fallback","host","port","others","first","tail","$t0","$t1","$t2","$t3","$t4"],"tries":[[3,6,-1,7]],"lines":[0,4,4,5,5,5,5,5],"layout":"d95f8f98e192dbec","body":"1c8fbb3cad148c8a","length":3}');
var settings = $rt.helper($d0, async function settings(src, pairs, fallback) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.src = src;
                        $f.pairs = pairs;
                        $f.fallback = fallback;
                        $f.$t0 = $f.src;
                        $rt.coercible($f.$t0);
                        $f.$t1 = $f.$t0.host;
                        if ($f.$t1 !== void 0) {
                            $f.$pc = 2;
                            continue $loop;
                        }
                        $f.$a = (0, $f.fallback)();
                        $f.$pc = 1;
                    case 1:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.$t1 = $r;
                    case 2:
                        $f.host = $f.$t1;
                        $f.$t2 = $f.$t0.port;
                        if ($f.$t2 === void 0)
                            $f.$t2 = 80;
                        $f.port = $f.$t2;
                        $f.others = $rt.objectRest($f.$t0, ["host", "port"]);
                        $f.$t3 = $rt.iterate($f.pairs);
                        $f.$pc = 3;
                    case 3:
                        $f.$t4 = $rt.stepValue($f.$t3);
                        if ($f.$t4 !== void 0) {
                            $f.$pc = 5;
                            continue $loop;
                        }
                        $f.$a = (0, $f.fallback)();
                        $f.$pc = 4;
                    case 4:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.$t4 = $r;
                    case 5:
                        $f.first = $f.$t4;
                        $rt.step($f.$t3);
                        $f.tail = $rt.restOf($f.$t3);
                        $f.$pc = 7;
                        continue $loop;
                    case 6:
                        $rt.closeOnThrow($f.$t3, $f.$e);
                        $f.$pc = 7;
                    case 7:
                        $rt.close($f.$t3);
                        $f.$t3 = void 0;
                        return $rt.ret($f, { host: $f.host, port: $f.port, others: $f.others, first: $f.first, tail: $f.tail });
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
$m.refs({ settings });
export { settings };
