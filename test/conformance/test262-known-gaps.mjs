// test262 tests that pass natively but not transformed (all-async), each with its reason; they are
// the "Known gaps" of docs/ARCHITECTURE.md. run-test262.mjs fails on any other such test, and
// reports an entry here that passes again so that it can be removed.
const TO_STRING =
  "Function.prototype.toString of a lowered async function shows the state machine, not the source text";
const TS_PARSER = "valid JavaScript that TypeScript's parser refuses: transformSource throws a SyntaxError";

export const KNOWN_GAPS = {
  "test/built-ins/Function/prototype/toString/async-function-declaration.js": TO_STRING,
  "test/built-ins/Function/prototype/toString/async-function-expression.js": TO_STRING,
  "test/built-ins/Function/prototype/toString/async-method-class-expression.js": TO_STRING,
  "test/built-ins/Function/prototype/toString/async-method-class-expression-static.js": TO_STRING,
  "test/built-ins/Function/prototype/toString/async-method-class-statement.js": TO_STRING,
  "test/built-ins/Function/prototype/toString/async-method-class-statement-static.js": TO_STRING,
  "test/built-ins/Function/prototype/toString/async-method-object.js": TO_STRING,
  "test/staging/sm/async-functions/toString.js": TO_STRING,
  "test/language/module-code/top-level-await/syntax/export-lex-decl-await-expr-obj-literal.js": TS_PARSER,
  "test/language/module-code/top-level-await/syntax/export-var-await-expr-obj-literal.js": TS_PARSER,
  "test/language/module-code/top-level-await/syntax/for-await-expr-obj-literal.js": TS_PARSER,
  "test/language/statements/for-await-of/async-func-decl-dstr-array-elem-init-in.js": TS_PARSER,
  // Timing-dependent, not a regression: at fa53d38 it passed 6 of 8 runs, on 72f1b06 8 of 8
  // in one series and 3 of 5 in another (the rejection of the third import() is sometimes
  // reported unhandled). Under --suspend it fails more often.
  "test/language/expressions/dynamic-import/for-await-resolution-and-error.js":
    "for await over an array of import() promises, one rejecting: the rejection is sometimes reported unhandled (timing-dependent; cause not investigated yet)",
};

// Under --suspend (DISPATCH_SUSPEND_EVERY_AWAIT=1) only, besides the refusals (StateError).
export const SUSPEND_KNOWN_GAPS = {};
