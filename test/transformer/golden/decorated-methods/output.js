var __runInitializers = (this && this.__runInitializers) || function (thisArg, initializers, value) {
    var useValue = arguments.length > 2;
    for (var i = 0; i < initializers.length; i++) {
        value = useValue ? initializers[i].call(thisArg, value) : initializers[i].call(thisArg);
    }
    return useValue ? value : void 0;
};
var __esDecorate = (this && this.__esDecorate) || function (ctor, descriptorIn, decorators, contextIn, initializers, extraInitializers) {
    function accept(f) { if (f !== void 0 && typeof f !== "function") throw new TypeError("Function expected"); return f; }
    var kind = contextIn.kind, key = kind === "getter" ? "get" : kind === "setter" ? "set" : "value";
    var target = !descriptorIn && ctor ? contextIn["static"] ? ctor : ctor.prototype : null;
    var descriptor = descriptorIn || (target ? Object.getOwnPropertyDescriptor(target, contextIn.name) : {});
    var _, done = false;
    for (var i = decorators.length - 1; i >= 0; i--) {
        var context = {};
        for (var p in contextIn) context[p] = p === "access" ? {} : contextIn[p];
        for (var p in contextIn.access) context.access[p] = contextIn.access[p];
        context.addInitializer = function (f) { if (done) throw new TypeError("Cannot add initializers after decoration has completed"); extraInitializers.push(accept(f || null)); };
        var result = (0, decorators[i])(kind === "accessor" ? { get: descriptor.get, set: descriptor.set } : descriptor[key], context);
        if (kind === "accessor") {
            if (result === void 0) continue;
            if (result === null || typeof result !== "object") throw new TypeError("Object expected");
            if (_ = accept(result.get)) descriptor.get = _;
            if (_ = accept(result.set)) descriptor.set = _;
            if (_ = accept(result.init)) initializers.unshift(_);
        }
        else if (_ = accept(result)) {
            if (kind === "field") initializers.unshift(_);
            else descriptor[key] = _;
        }
    }
    if (target) Object.defineProperty(target, contextIn.name, descriptor);
    done = true;
};
import * as $rt from "dispatch-ts/internal";
const $m = $rt.module("decorated-methods.ts", 5);
const $d0 = $m.fn('{"name":"load","slots":[],"tries":[],"lines":[0],"layout":"0fa1cb8225ac97fa","body":"660133cd88f63f99","length":1}');
const $d1 = $m.fn('{"name":"Store.read","slots":["id"],"tries":[],"lines":[0,11],"layout":"7c54c258837ee613","body":"0213a5605b20e24a","length":1,"version":"v1"}');
const $d2 = $m.fn('{"name":"Store.twice","slots":["id"],"tries":[],"lines":[0,16],"layout":"7c54c258837ee613","body":"807d5d04c75802d0","length":1}');
// Decorated methods: the decorator is rewritten to receive the lowered method's descriptor.
import * as dispatch from "dispatch-ts";
export const load = dispatch.function($rt.durableBody($d0, async function load(id) {
    let $f = $rt.enter($d0, this, null);
    try {
        return $rt.ret($f, id);
    }
    catch ($x) {
        $f = $rt.caught($f, $x);
    }
    finally {
        $rt.exit($f);
    }
}));
$m.refs({ load: typeof load === "undefined" ? void 0 : load });
let Store = (() => {
    let _staticExtraInitializers = [];
    let _instanceExtraInitializers = [];
    let _static_twice_decorators;
    let _read_decorators;
    return class Store {
        static {
            const _metadata = typeof Symbol === "function" && Symbol.metadata ? Object.create(null) : void 0;
            _read_decorators = [$rt.durableMethod($d1, dispatch.function({ name: "Store.read", version: "v1" }))];
            _static_twice_decorators = [$rt.durableMethod($d2, dispatch.durable)];
            __esDecorate(this, null, _static_twice_decorators, { kind: "method", name: "twice", static: true, private: false, access: { has: obj => "twice" in obj, get: obj => obj.twice }, metadata: _metadata }, null, _staticExtraInitializers);
            __esDecorate(this, null, _read_decorators, { kind: "method", name: "read", static: false, private: false, access: { has: obj => "read" in obj, get: obj => obj.read }, metadata: _metadata }, null, _instanceExtraInitializers);
            if (_metadata) Object.defineProperty(this, Symbol.metadata, { enumerable: true, configurable: true, writable: true, value: _metadata });
            __runInitializers(this, _staticExtraInitializers);
        }
        async read(id) {
            let $f = $rt.enter($d1, this, null), $k = $f.$k, $r;
            try {
                $loop: for (;;) {
                    try {
                        switch ($f.$pc) {
                            case 0:
                                $f.id = id;
                                $f.$a = load($f.id);
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
        }
        static async twice(id) {
            let $f = $rt.enter($d2, this, null), $k = $f.$k, $r;
            try {
                $loop: for (;;) {
                    try {
                        switch ($f.$pc) {
                            case 0:
                                $f.id = id;
                                $f.$a = load($f.id);
                                $f.$pc = 1;
                            case 1:
                                $r = await $rt.w($k, $f.$a);
                                $r = $rt.r($k, $r), $f = $k.frame;
                                return $rt.ret($f, $r * 2);
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
        }
        constructor() {
            __runInitializers(this, _instanceExtraInitializers);
        }
    };
})();
export { Store };
$m.refs({ Store });
