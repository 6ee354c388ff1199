// The codec's tag numbers, re-exported for tests that build bytes by hand.
export * from "../../runtime/codec/tags.js";
