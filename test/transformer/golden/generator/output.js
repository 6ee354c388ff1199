// A top-level generator: parameters bound at the call, yield and yield* as
// resume points, a try/finally that return() runs; a generator method.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("generator.ts", 5);
const $d0 = $m.fn('{"name":"pairs","slots":["xs","scale","x","sent","$t0","$t1","$t2","$c0","$c1"],"tries":[[2,-1,9,10],[3,-1,7,8]],"lines":[0,0,5,6,7,8,8,8,8,8,10],"layout":"770192431f24d2ec","body":"f89281d902b6d19a","length":1,"generator":true}');
const $d1 = $m.fn('{"name":"Bag.each","slots":["$t0","$this"],"tries":[],"lines":[0,0,18],"layout":"04ec4478339fd32d","body":"6df71e54b5019dfe","length":0,"usesThis":true,"generator":true,"home":"Bag.prototype.each"}');
const $d2 = $m.fn('{"name":"total","slots":["xs","sum","v","$t0","$t1","$c0"],"tries":[[1,-1,3,4]],"lines":[0,23,23,23,23],"layout":"f385b125bec089a2","body":"af4480a462405090","length":1}');
var pairs = $rt.generator($d0, function pairs(xs, $p1) {
    return $rt.gen($d0, void 0, null, $f => {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.xs = xs;
                        $f.scale = $p1 === void 0 ? 2 : $p1;
                        $f.$pc = 1;
                        return $rt.yielded($f);
                    case 1: $f.$pc = 2;
                    case 2:
                        $f.$t0 = $rt.iterate($f.xs);
                        $f.$pc = 3;
                    case 3:
                        $f.$t1 = $rt.step($f.$t0);
                        if ($f.$t1 === $rt.DONE) {
                            $f.$pc = 8;
                            continue $loop;
                        }
                        $f.x = $f.$t1;
                        $f.$t1 = void 0;
                        $f.$a = $f.x * $f.scale;
                        $f.$pc = 4;
                        return $rt.yielded($f);
                    case 4:
                        $rt.sent($f);
                        $f.sent = $f.$r;
                        if (!$f.sent) {
                            $f.$pc = 6;
                            continue $loop;
                        }
                        $f.$t2 = $rt.delegate($f, [$f.sent, -$f.sent]);
                        $f.$pc = 5;
                    case 5:
                        if ($rt.delegateStep($f, $f.$t2))
                            return;
                        $f.$t2 = void 0;
                    case 6:
                        $f.$pc = 3;
                        continue $loop;
                    case 7:
                        $rt.closeFor($f.$t0, $f.$c1);
                        switch ($rt.finish($f, 1)) {
                            case 1: continue $loop;
                            case 2:
                                $rt.abrupt($f, 1, $f.$r);
                                continue $loop;
                        }
                        $f.$pc = 8;
                    case 8:
                        $f.$t0 = $f.$t1 = void 0;
                        $f.$pc = 9;
                        continue $loop;
                    case 9:
                        {
                            $f.xs.length = 0;
                        }
                        switch ($rt.finish($f, 0)) {
                            case 1: continue $loop;
                            case 2: return $rt.ret($f, $f.$r);
                        }
                        $f.$pc = 10;
                    case 10: return $rt.ret($f, "done");
                }
            }
            catch ($x) {
                $f = $rt.genCaught($f, $x);
            }
        }
    });
});
$m.refs({ pairs });
var total = $rt.helper($d2, async function total(xs) {
    let $f = $rt.enter($d2, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.xs = xs;
                        $f.sum = 0;
                        $f.$t0 = $rt.iterate(pairs($f.xs));
                        $f.$pc = 1;
                    case 1:
                        $f.$t1 = $rt.step($f.$t0);
                        if ($f.$t1 === $rt.DONE) {
                            $f.$pc = 4;
                            continue $loop;
                        }
                        $f.v = $f.$t1;
                        $f.$t1 = void 0;
                        $f.$a = Promise.resolve($f.v);
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.sum = $f.sum + $r;
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
                        return $rt.ret($f, $f.sum + [...new Bag().each()].length);
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
$m.refs({ total });
class Bag {
    items = [];
    each() {
        return $rt.gen($d1, this, null, $f => {
            $loop: for (;;) {
                try {
                    switch ($f.$pc) {
                        case 0:
                            $f.$pc = 1;
                            return $rt.yielded($f);
                        case 1:
                            $f.$t0 = $rt.delegate($f, $f.$this.items);
                            $f.$pc = 2;
                        case 2:
                            if ($rt.delegateStep($f, $f.$t0))
                                return;
                            $f.$t0 = void 0;
                            return $rt.ret($f, void 0);
                    }
                }
                catch ($x) {
                    $f = $rt.genCaught($f, $x);
                }
            }
        });
    }
}
$rt.methodHelper(Bag.prototype, "each", $d1);
$m.refs({ Bag });
export { total };
