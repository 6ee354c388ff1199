// Operands read before a later await are saved in frame temporaries; compound assignment reads its target first.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("binary-operands.ts", 2);
const $d0 = $m.fn({ name: "sum", slots: ["a", "read", "total", "$t0", "$t1", "$t2"], tries: [], lines: [0, 4, 5, 6], layout: "e163c357ba0a0a5c", body: "01d1f4255ea26247", length: 2 });
var sum = $rt.helper($d0, async function sum(a, read) {
    let $f = $rt.enter($d0, this, null);
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.a = a;
                        $f.read = read;
                        $f.$t0 = $f.a;
                        $f.$a = (0, $f.read)();
                        $f.$pc = 1;
                    case 1:
                        $f = $rt.r($f.$k, await $rt.w($f.$k, $f.$a));
                        $f.total = $f.$t0 + $f.$r;
                        $f.$t1 = $f.total;
                        $f.$a = (0, $f.read)();
                        $f.$pc = 2;
                    case 2:
                        $f = $rt.r($f.$k, await $rt.w($f.$k, $f.$a));
                        $f.total = $f.$t1 + $f.$r;
                        $f.$t2 = $f.total;
                        $f.$a = (0, $f.read)();
                        $f.$pc = 3;
                    case 3:
                        $f = $rt.r($f.$k, await $rt.w($f.$k, $f.$a));
                        return $rt.ret($f, $f.$t2 * $f.$r);
                        return $rt.ret($f, void 0);
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
