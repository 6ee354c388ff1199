// Classes with #private instance state get a registration of a reader and a
// writer of their private fields, and constructors and field initializers that
// do nothing while the runtime restores an instance; so does a subclass.
"use durable";
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("private-fields.ts", 5);
const $d0 = $m.fn('{"name":"open","slots":["owner","a"],"tries":[],"lines":[0,24],"layout":"f16589439865516f","body":"9a41a5de5e405b3e","length":1}');
var open = $rt.helper($d0, async function open(owner) {
    let $f = $rt.enter($d0, this, null), $k = $f.$k, $r;
    try {
        $loop: for (;;) {
            try {
                switch ($f.$pc) {
                    case 0:
                        $f.owner = owner;
                        $f.a = new Savings($f.owner);
                        $f.$a = null;
                        $f.$pc = 1;
                    case 1:
                        $r = await ($k.state === 0 && typeof $f.$a !== "object" && typeof $f.$a !== "function" ? ($k.state = 1, $f.$a) : $rt.w($k, $f.$a));
                        $k.state === 1 && $rt.context.current === $f ? $k.state = 0 : ($r = $rt.r($k, $r), $f = $k.frame);
                        return $rt.ret($f, $f.a.deposit(1));
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
$m.refs({ open });
class Account {
    #balance = $rt.restoring() ? void 0 : (0);
    owner = $rt.restoring() ? void 0 : ("nobody");
    constructor(owner) {
        if ($rt.restoring())
            return;
        this.owner = owner;
    }
    #audit() {
        return this.#balance >= 0;
    }
    deposit(n) {
        this.#balance += n;
        return this.#audit();
    }
    static {
        $rt.privateState(this, o => [o.#balance], (o, v) => {
            o.#balance = v[0];
        });
    }
}
$m.refs({ Account });
class Savings extends Account {
    rate = $rt.restoring() ? void 0 : (0.01);
    static {
        $rt.privateState(this);
    }
}
$m.refs({ Savings });
export { open };
