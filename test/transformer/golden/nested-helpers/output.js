// Durable helpers nested in a durable body get their own frames; a named helper expression refers to itself.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("nested-helpers.ts", 5);
const $d0 = $m.fn('{"name":"tick","slots":["n"],"tries":[],"lines":[0,5,6],"layout":"9237fb82e0510aa3","body":"3b26ef8476e35d14","length":1}');
const $d1 = $m.fn('{"name":"outer","slots":["values","double","out","v","$t0","$t1","$t2","$t3","$c0"],"tries":[[1,-1,3,4]],"lines":[0,14,14,14,14],"layout":"7f864e25c06f0a0c","body":"ca7b5868a16fc8cb","length":1}', [
    $f => $rt.helper($d2, async (v) => {
        let $f1 = $rt.enter($d2, void 0, null), $k1 = $f1.$k, $r1;
        try {
            $loop: for (;;) {
                try {
                    switch ($f1.$pc) {
                        case 0:
                            $f1.v = v;
                            $f1.$a = null;
                            $f1.$pc = 1;
                        case 1:
                            $r1 = await ($k1.state === 0 && typeof $f1.$a !== "object" && typeof $f1.$a !== "function" ? ($k1.state = 1, $f1.$a) : $rt.w($k1, $f1.$a));
                            $k1.state === 1 && $rt.context.current === $f1 ? $k1.state = 0 : ($r1 = $rt.r($k1, $r1), $f1 = $k1.frame);
                            return $rt.ret($f1, $f1.v * 2);
                    }
                }
                catch ($x) {
                    $f1 = $rt.caught($f1, $x);
                }
            }
        }
        finally {
            $rt.exit($f1);
        }
    }, "double")
]);
const $d2 = $m.fn('{"name":"outer.double","slots":["v"],"tries":[],"lines":[0,10],"layout":"030594fd9b891661","body":"3940e0726dafa757","length":1}');
var outer = $rt.helper($d1, async function outer(values) {
    let $f = $rt.enter($d1, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.values = values;
                        $f.double = $rt.closure($f, $d1, 0);
                        $f.out = [];
                        $f.$t0 = $rt.iterate($f.values);
                        $f.$pc = 1;
                    case 1:
                        $f.$t1 = $rt.step($f.$t0);
                        if ($f.$t1 === $rt.DONE) {
                            $f.$pc = 4;
                            continue $loop;
                        }
                        $f.v = $f.$t1;
                        $f.$t1 = void 0;
                        $f.$t2 = $f.out;
                        $f.$t3 = $f.$t2.push;
                        $f.$a = (0, $f.double)($f.v);
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $rt.invoke($f.$t3, $f.$t2, [$r], "out.push");
                        $f.$pc = 1;
                        continue $loop;
                    case 3:
                        $rt.closeFor($f.$t0, $f.$c0);
                        switch ($rt.finish($f, 0)) {
                            case 1: continue $loop;
                            case 2: return $rt.ret($f, $f.$r);
                        }
                        $f.$pc = 4;
                    case 4:
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
$m.refs({ outer });
export const countdown = (() => { const tick = $rt.helper($d0, async function (n) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.n = n;
                        if ($f.n === 0)
                            return $rt.ret($f, 0);
                        $f.$a = null;
                        $f.$pc = 1;
                    case 1:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.$a = tick($f.n - 1);
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        return $rt.ret($f, 1 + $r);
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
}, "tick"); return tick; })();
$m.refs({ countdown: typeof countdown === "undefined" ? void 0 : countdown });
export { outer };
