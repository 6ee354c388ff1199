// Labelled break and continue across lowered loops become jumps; a sync inner loop keeps native jumps.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("labelled-jumps.ts", 5);
const $d0 = $m.fn('{"name":"grid","slots":["rows","ok","found","row","v","$t0","$t1","$t2","$t3","$c0","$c1"],"tries":[[1,-1,7,8],[2,-1,5,6]],"lines":[0,5,6,8,8,9,9,11,11],"layout":"eba6b2ff217dada1","body":"372754b8bd44c521","length":2}');
var grid = $rt.helper($d0, async function grid(rows, ok) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.rows = rows;
                        $f.ok = ok;
                        $f.found = 0;
                        $f.$t0 = $rt.iterate($f.rows);
                        $f.$pc = 1;
                    case 1:
                        $f.$t1 = $rt.step($f.$t0);
                        if ($f.$t1 === $rt.DONE) {
                            $f.$pc = 8;
                            continue $loop;
                        }
                        $f.row = $f.$t1;
                        $f.$t1 = void 0;
                        $f.$t2 = $rt.iterate($f.row);
                        $f.$pc = 2;
                    case 2:
                        $f.$t3 = $rt.step($f.$t2);
                        if ($f.$t3 === $rt.DONE) {
                            $f.$pc = 6;
                            continue $loop;
                        }
                        $f.v = $f.$t3;
                        $f.$t3 = void 0;
                        if ($f.v < 0) {
                            $rt.abrupt($f, 3, 1);
                            continue $loop;
                        }
                        $f.$a = (0, $f.ok)($f.v);
                        $f.$pc = 3;
                    case 3:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        if (!(!$r)) {
                            $f.$pc = 4;
                            continue $loop;
                        }
                        {
                            $rt.abrupt($f, 3, 8);
                            continue $loop;
                        }
                    case 4:
                        $f.found++;
                        $f.$pc = 2;
                        continue $loop;
                    case 5:
                        $rt.closeFor($f.$t2, $f.$c1);
                        switch ($rt.finish($f, 1)) {
                            case 1: continue $loop;
                            case 2:
                                $rt.abrupt($f, 1, $f.$r);
                                continue $loop;
                        }
                        $f.$pc = 6;
                    case 6:
                        $f.$t2 = $f.$t3 = void 0;
                        for (let i = 0; i < $f.row.length; i++)
                            if ($f.row[i] === 0)
                                break;
                        $f.$pc = 1;
                        continue $loop;
                    case 7:
                        $rt.closeFor($f.$t0, $f.$c0);
                        switch ($rt.finish($f, 0)) {
                            case 1: continue $loop;
                            case 2: return $rt.ret($f, $f.$r);
                        }
                        $f.$pc = 8;
                    case 8:
                        $f.$t0 = $f.$t1 = void 0;
                        return $rt.ret($f, $f.found);
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
$m.refs({ grid });
export { grid };
