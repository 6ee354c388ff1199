// Operands read before a later await are saved in frame temporaries when code running during the
// await could change them (`total`, which the closure `reset` writes); compound assignment reads its
// target first. A local that only this body writes (`a`, `n`) is read after the await instead
// (stable-locals.ts): nothing else can change it meanwhile.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("binary-operands.ts", 5);
const $d0 = $m.fn('{"name":"sum","slots":["a","read","total","n","reset","$t0","$t1"],"tries":[],"lines":[0,7,8,10,15],"layout":"1d46658640fc697e","body":"6904bb20828702d4","length":2}', [
    $f => ({ "reset": () => {
            $f.total = 0;
        } })["reset"]
]);
var sum = $rt.helper($d0, async function sum(a, read) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.a = a;
                        $f.read = read;
                        $f.$a = (0, $f.read)();
                        $f.$pc = 1;
                    case 1:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.total = $f.a + $r;
                        $f.$t0 = $f.total;
                        $f.$a = (0, $f.read)();
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.total = $f.$t0 + $r;
                        $f.n = 1;
                        $f.$a = (0, $f.read)();
                        $f.$pc = 3;
                    case 3:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.n = $f.n + $r;
                        $f.reset = $rt.closure($f, $d0, 0);
                        queueMicrotask($f.reset);
                        $f.$t1 = $f.total;
                        $f.$a = (0, $f.read)();
                        $f.$pc = 4;
                    case 4:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        return $rt.ret($f, $f.$t1 * $r + $f.n);
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
$m.refs({ sum });
export { sum };
