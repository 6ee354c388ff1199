// A try with awaits becomes a try-table entry; a return inside it runs the finally first.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("try-finally-return.ts", 5);
const $d0 = $m.fn('{"name":"guarded","slots":["work","log","$c0"],"tries":[[1,3,4,6]],"lines":[0,4,5,5,5,10,11],"layout":"7efde3be60198d13","body":"76589d57ded511b2","length":2}');
var guarded = $rt.helper($d0, async function guarded(work, log) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.work = work;
                        $f.log = log;
                        $f.$pc = 1;
                    case 1:
                        $f.$a = (0, $f.work)();
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $rt.abrupt($f, 1, $r);
                        continue $loop;
                    case 3:
                        {
                            let e = $f.$e;
                            $f.$e = void 0;
                            (0, $f.log)("failed");
                            throw e;
                        }
                        $f.$pc = 4;
                        continue $loop;
                    case 4:
                        $f.$a = null;
                        $f.$pc = 5;
                    case 5:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        (0, $f.log)("cleanup");
                        switch ($rt.finish($f, 0)) {
                            case 1: continue $loop;
                            case 2: return $rt.ret($f, $f.$r);
                        }
                        $f.$pc = 6;
                    case 6: return $rt.ret($f, void 0);
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
$m.refs({ guarded });
export { guarded };
