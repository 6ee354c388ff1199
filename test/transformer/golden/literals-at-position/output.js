// Literals split around awaits convert and copy at each part's position: template spans, computed keys, spreads.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("literals-at-position.ts", 5);
const $d0 = $m.fn('{"name":"describe","slots":["base","key","later","text","obj","$t0","$t1","$t2","$t3"],"tries":[],"lines":[0,4,5,5],"layout":"68cd0e48b6331e61","body":"addec267b4a86908","length":3}');
var describe = $rt.helper($d0, async function describe(base, key, later) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.base = base;
                        $f.key = key;
                        $f.later = later;
                        $f.$t0 = `${$f.key}`;
                        $f.$a = (0, $f.later)();
                        $f.$pc = 1;
                    case 1:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.text = `${$f.$t0}:${$r}`;
                        $f.$t1 = $rt.toKey($f.key);
                        $f.$a = (0, $f.later)();
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.$t2 = $r;
                        $f.$t3 = { ...$f.base };
                        $f.$a = (0, $f.later)();
                        $f.$pc = 3;
                    case 3:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.obj = {
                            [$f.$t1]: $f.$t2,
                            ...$f.$t3,
                            tail: $r
                        };
                        return $rt.ret($f, { text: $f.text, obj: $f.obj });
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
$m.refs({ describe });
export { describe };
