// A for-of with awaits keeps its cursor in the frame and closes the iterator on every early exit.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("for-of-close.ts", 5);
const $d0 = $m.fn('{"name":"firstMatch","slots":["items","test","item","$t0","$t1","$c0"],"tries":[[1,-1,4,5]],"lines":[0,4,5,5,6,6],"layout":"60057a4ebcff978c","body":"e5f69d6661322c9f","length":2}');
var firstMatch = $rt.helper($d0, async function firstMatch(items, test) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.items = items;
                        $f.test = test;
                        $f.$t0 = $rt.iterate($f.items);
                        $f.$pc = 1;
                    case 1:
                        $f.$t1 = $rt.step($f.$t0);
                        if ($f.$t1 === $rt.DONE) {
                            $f.$pc = 5;
                            continue $loop;
                        }
                        $f.item = $f.$t1;
                        $f.$t1 = void 0;
                        $f.$a = (0, $f.test)($f.item);
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        if (!$r) {
                            $f.$pc = 3;
                            continue $loop;
                        }
                        {
                            $rt.abrupt($f, 1, $f.item);
                            continue $loop;
                        }
                    case 3:
                        if ($f.item === "stop") {
                            $rt.abrupt($f, 3, 5);
                            continue $loop;
                        }
                        $f.$pc = 1;
                        continue $loop;
                    case 4:
                        $rt.closeFor($f.$t0, $f.$c0);
                        switch ($rt.finish($f, 0)) {
                            case 1: continue $loop;
                            case 2: return $rt.ret($f, $f.$r);
                        }
                        $f.$pc = 5;
                    case 5:
                        $f.$t0 = $f.$t1 = void 0;
                        return $rt.ret($f, undefined);
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
$m.refs({ firstMatch });
export { firstMatch };
