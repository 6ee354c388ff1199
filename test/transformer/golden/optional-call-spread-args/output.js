// Calls keep native order: callee, method lookup, arguments (a spread iterates at its position), then the call.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("optional-call-spread-args.ts", 5);
const $d0 = $m.fn('{"name":"send","slots":["client","parts","body","a","b","$t0","$t1","$t2","$t3","$t4","$t5","$t6","$t7"],"tries":[],"lines":[0,4,4,5],"layout":"a0fd21ed862f617e","body":"fff295dcdd247ac5","length":3}');
var send = $rt.helper($d0, async function send(client, parts, body) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.client = client;
                        $f.parts = parts;
                        $f.body = body;
                        $f.$t1 = $f.client;
                        if ($f.$t1 == null) {
                            $f.$t0 = void 0;
                            $f.$pc = 2;
                            continue $loop;
                        }
                        $f.$t2 = $f.$t1.post;
                        if ($f.$t2 == null) {
                            $f.$t0 = void 0;
                            $f.$pc = 2;
                            continue $loop;
                        }
                        $f.$t4 = [...$f.parts];
                        $f.$a = (0, $f.body)();
                        $f.$pc = 1;
                    case 1:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.$t3 = $rt.invoke($f.$t2, $f.$t1, [...$f.$t4, $r], "client?.post");
                        $f.$t0 = $f.$t3;
                    case 2:
                        $f.a = $f.$t0;
                        $f.$t5 = Math;
                        $f.$t6 = $f.$t5.max;
                        $f.$t7 = [...[1, 2]];
                        $f.$a = (0, $f.body)().then(Number);
                        $f.$pc = 3;
                    case 3:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.b = $rt.invoke($f.$t6, $f.$t5, [...$f.$t7, $r], "Math.max");
                        return $rt.ret($f, [$f.a, $f.b]);
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
$m.refs({ send });
export { send };
