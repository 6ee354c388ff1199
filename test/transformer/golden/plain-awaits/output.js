// Awaits the engine cannot own (plain-awaits.ts) use `$rt.wo`, without the check for engine-owned
// awaitables: a call of a module async function that stays plain (`plus` never awaits), and
// promises the global Promise makes anew (`new Promise`, `Promise.reject`, `Promise.resolve` of a
// value that cannot be a promise). `Promise.resolve(p)` may give p back (a helper's promise), a
// lowered helper's call (`later`) is the engine's, and a local `Promise` is not the global one:
// those keep `$rt.w`.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("plain-awaits.ts", 5);
const $d0 = $m.fn('{"name":"later","slots":["x"],"tries":[],"lines":[0,12],"layout":"3c91f86b7390cb70","body":"1d0128eb86f78db6","length":1}');
const $d1 = $m.fn('{"name":"fresh","slots":["n","p","sum"],"tries":[[6,8,-1,9]],"lines":[0,16,17,18,19,20,21,22,22,23,26,27],"layout":"aa76d76063505c65","body":"caa5bd4ec0e78949","length":2}', [
    $f => (resolve) => resolve(1),
    $f => () => 0
]);
const $d2 = $m.fn('{"name":"shadowed","slots":["n","Promise"],"tries":[],"lines":[0,32],"layout":"c5446240a10dfa9f","body":"5ec837af90c5cc4f","length":1}', [
    $f => ({ "resolve": (x) => later(x) })["resolve"]
]);
$m.refs({ plus });
var later = $rt.helper($d0, async function later(x) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.x = x;
                        $f.$a = null;
                        $f.$pc = 1;
                    case 1:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        return $rt.ret($f, $f.x);
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
$m.refs({ later });
var fresh = $rt.helper($d1, async function fresh(n, p) {
    let $f = $rt.enter($d1, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.n = n;
                        $f.p = p;
                        $f.$a = plus($f.n, 1);
                        $f.$pc = 1;
                    case 1:
                        $r = await ($k.state === 0 ? ($k.state = 1, $f.$a) : $rt.wo($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.sum = $r;
                        $f.$a = new Promise($rt.closure($f, $d1, 0));
                        $f.$pc = 2;
                    case 2:
                        $r = await ($k.state === 0 ? ($k.state = 1, $f.$a) : $rt.wo($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.sum = $f.sum + $r;
                        $f.$a = Promise.resolve($f.sum * 2);
                        $f.$pc = 3;
                    case 3:
                        $r = await ($k.state === 0 ? ($k.state = 1, $f.$a) : $rt.wo($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.sum = $f.sum + $r;
                        $f.$a = Promise.resolve();
                        $f.$pc = 4;
                    case 4:
                        $r = await ($k.state === 0 ? ($k.state = 1, $f.$a) : $rt.wo($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.$a = Promise.reject(new Error("no")).catch($rt.closure($f, $d1, 1));
                        $f.$pc = 5;
                    case 5:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.$pc = 6;
                    case 6:
                        $f.$a = Promise.reject(new Error("no"));
                        $f.$pc = 7;
                    case 7:
                        $r = await ($k.state === 0 ? ($k.state = 1, $f.$a) : $rt.wo($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.$pc = 9;
                        continue $loop;
                    case 8:
                        $f.$e = void 0;
                        {
                            $f.sum++;
                        }
                        $f.$pc = 9;
                        continue $loop;
                    case 9:
                        $f.$a = Promise.resolve($f.p);
                        $f.$pc = 10;
                    case 10:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.sum = $f.sum + $r;
                        $f.$a = later($f.sum);
                        $f.$pc = 11;
                    case 11:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.sum = $f.sum + $r;
                        return $rt.ret($f, $f.sum);
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
$m.refs({ fresh });
var shadowed = $rt.helper($d2, async function shadowed(n) {
    let $f = $rt.enter($d2, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.n = n;
                        $f.Promise = { resolve: $rt.closure($f, $d2, 0) };
                        $f.$a = $f.Promise.resolve($f.n);
                        $f.$pc = 1;
                    case 1:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        return $rt.ret($f, $r + 1);
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
$m.refs({ shadowed });
async function plus(a, b) {
    return a + b;
}
export { fresh };
export { shadowed };
