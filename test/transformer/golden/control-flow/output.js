// if/else, while and do-while become marks and jumps; statements without awaits stay as written.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("control-flow.ts", 5);
const $d0 = $m.fn('{"name":"poll","slots":["check","limit","tries","$t0"],"tries":[],"lines":[0,5,5,7,8,8,8,10,10,12,12,12],"layout":"2f1f41482dd0de67","body":"8fa49fc00b5f730e","length":2}');
var poll = $rt.helper($d0, async function poll(check, limit) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.check = check;
                        $f.limit = limit;
                        $f.tries = 0;
                    case 1:
                        $f.$a = (0, $f.check)();
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        if (!(!$r)) {
                            $f.$pc = 6;
                            continue $loop;
                        }
                        $f.tries++;
                        if (!($f.tries > $f.limit)) {
                            $f.$pc = 3;
                            continue $loop;
                        }
                        return $rt.ret($f, -1);
                    case 3:
                        $f.$a = null;
                        $f.$pc = 4;
                    case 4:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                    case 5:
                        $f.$pc = 1;
                        continue $loop;
                    case 6:
                    case 7: {
                        $f.tries--;
                    }
                    case 8:
                        $f.$a = (0, $f.check)();
                        $f.$pc = 9;
                    case 9:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.$t0 = $r;
                        if (!$f.$t0) {
                            $f.$pc = 10;
                            continue $loop;
                        }
                        $f.$t0 = $f.tries > 0;
                    case 10: if ($f.$t0) {
                        $f.$pc = 7;
                        continue $loop;
                    }
                    case 11:
                        for (let i = 0; i < 3; i++)
                            $f.tries += i;
                        return $rt.ret($f, $f.tries);
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
$m.refs({ poll });
export { poll };
