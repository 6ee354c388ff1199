// Case tests are evaluated in order until one matches; bodies fall through.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("switch-await-cases.ts", 5);
const $d0 = $m.fn('{"name":"classify","slots":["v","limit","out","$t0"],"tries":[],"lines":[0,6,6,7,10,12],"layout":"8dbcd3d4c6ff23b5","body":"a260173cb755fe14","length":2}');
var classify = $rt.helper($d0, async function classify(v, limit) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.v = v;
                        $f.limit = limit;
                        $f.out = [];
                        $f.$t0 = $f.v;
                        $f.$a = (0, $f.limit)();
                        $f.$pc = 1;
                    case 1:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        if ($f.$t0 === $r) {
                            $f.$pc = 2;
                            continue $loop;
                        }
                        if ($f.$t0 === 0) {
                            $f.$pc = 3;
                            continue $loop;
                        }
                        $f.$pc = 4;
                        continue $loop;
                    case 2: $f.out.push("at limit");
                    case 3:
                        $f.out.push("zero or fell through");
                        {
                            $f.$pc = 5;
                            continue $loop;
                        }
                    case 4: $f.out.push("other");
                    case 5: return $rt.ret($f, $f.out);
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
$m.refs({ classify });
export { classify };
