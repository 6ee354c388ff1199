import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("await-forms.ts", 5);
const $d0 = $m.fn('{"name":"price","slots":[],"tries":[],"lines":[0],"layout":"0fa1cb8225ac97fa","body":"4dfc466c3905b451","length":1}');
const $d1 = $m.fn('{"name":"reassigned","slots":[],"tries":[],"lines":[0],"layout":"0fa1cb8225ac97fa","body":"fded438bbb15b9fb","length":1}');
const $d2 = $m.fn('{"name":"helper","slots":["n"],"tries":[],"lines":[0,17],"layout":"fe34bbd043bdd33f","body":"6395b358824109fb","length":1}');
const $d3 = $m.fn('{"name":"total","slots":["ids","source","x","sum","dispatch"],"tries":[],"lines":[0,22,23,24,25,26,27,28,31],"layout":"6883956e2ca68efe","body":"463931b64415ca91","length":3}', [
    $f => (resolve) => resolve(1),
    $f => ({ "sleep": (s) => Promise.resolve(s.length) })["sleep"]
]);
$m.refs({ swap });
// Each await takes the smallest form that keeps its speed (await-operands.ts):
// - a call or `new` (a durable call, a helper's, a parameter's, `dispatch.sleep`) waits and resumes
//   through the hooks, with no inline test;
// - a promise the engine cannot own (`new Promise`) flips the state inline, hook `$rt.wo` otherwise;
// - anything else (`await x`) waits inline when it is a primitive.
import * as dispatch from "dispatch-ts";
export const price = dispatch.function($rt.durableBody($d0, async function price(id) {
    let $f = $rt.enter($d0, this, null);
    try {
        return $rt.ret($f, id.length);
    }
    catch ($x) {
        $f = $rt.caught($f, $x);
    }
    finally {
        $rt.exit($f);
    }
}));
$m.refs({ price: typeof price === "undefined" ? void 0 : price });
let reassigned = dispatch.function($rt.durableBody($d1, async function reassigned(id) {
    let $f = $rt.enter($d1, this, null);
    try {
        return $rt.ret($f, id.length * 2);
    }
    catch ($x) {
        $f = $rt.caught($f, $x);
    }
    finally {
        $rt.exit($f);
    }
}));
$m.refs({ reassigned });
const helper = dispatch.durable($rt.helper($d2, async function helper(n) {
    let $f = $rt.enter($d2, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.n = n;
                        $f.$a = dispatch.sleep("1s");
                        $f.$pc = 1;
                    case 1:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        return $rt.ret($f, $f.n + 1);
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
}));
$m.refs({ helper });
export const total = dispatch.function($rt.durableBody($d3, async function total(ids, source, x) {
    let $f = $rt.enter($d3, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.ids = ids;
                        $f.source = source;
                        $f.x = x;
                        $f.$a = price($f.ids[0]);
                        $f.$pc = 1;
                    case 1:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.sum = $r;
                        $f.$a = helper($f.sum);
                        $f.$pc = 2;
                    case 2:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.sum = $f.sum + $r;
                        $f.$a = dispatch.sleep("2s");
                        $f.$pc = 3;
                    case 3:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.$a = reassigned($f.ids[1]);
                        $f.$pc = 4;
                    case 4:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.sum = $f.sum + $r;
                        $f.$a = (0, $f.source)();
                        $f.$pc = 5;
                    case 5:
                        $r = await $rt.w($k, $f.$a);
                        $r = $rt.r($k, $r), $f = $k.frame;
                        $f.sum = $f.sum + $r;
                        $f.$a = new Promise($rt.closure($f, $d3, 0));
                        $f.$pc = 6;
                    case 6:
                        $r = await ($k.state === 0 ? ($k.state = 1, $f.$a) : $rt.wo($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.sum = $f.sum + $r;
                        $f.$a = $f.x;
                        $f.$pc = 7;
                    case 7:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        $f.sum = $f.sum + $r;
                        $f.dispatch = { sleep: $rt.closure($f, $d3, 1) };
                        $f.$a = $f.dispatch.sleep("3s");
                        $f.$pc = 8;
                    case 8:
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
}));
$m.refs({ total: typeof total === "undefined" ? void 0 : total });
export function swap() {
    reassigned = price;
}
$m.refs({ reassigned });
