// Only reads that can run before their declaration are checked for the temporal dead zone.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("dead-zone.ts", 5);
const $d0 = $m.fn('{"name":"late","slots":["log","value"],"tries":[],"lines":[0,4,11],"layout":"fad486fa768f4e5f","body":"e6349d7bfde9827b","length":1}');
var late = $rt.helper($d0, async function late(log) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.log = log;
                        $f.value = $rt.UNINITIALIZED;
                        $f.$a = null;
                        $f.$pc = 1;
                    case 1:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        try {
                            // @ts-expect-error the read in the dead zone is what this input shows
                            (0, $f.log)($rt.live($f.value, "value"));
                        }
                        catch {
                            (0, $f.log)("dead zone");
                        }
                        $f.$a = 1;
                        $f.$pc = 2;
                    case 2:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.value = $r;
                        (0, $f.log)($f.value);
                        return $rt.ret($f, $f.value);
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
$m.refs({ late });
export { late };
