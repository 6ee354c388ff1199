// The diagnostics of dispatch-ts, one entry each: its code (printed by tsc as
// TS<code>), its severity and a short title. The messages are built where the
// problem is found (they name the local, the function, the type); every one
// says what to do. docs/DIAGNOSTICS.md documents each code, and a test checks
// that the two lists agree.
import ts = require("typescript");

export const Diag = {
  /** The checker itself failed on a function (a bug of dispatch-ts, reported instead of crashing the build). */
  internal: { code: 99000, category: ts.DiagnosticCategory.Warning, title: "internal error of the checker" },
  /** A construct the lowering cannot keep (direct eval, with, await in a position it cannot split). */
  unsupported: { code: 99001, category: ts.DiagnosticCategory.Error, title: "unsupported construct in a durable function" },
  /** A frame-resident local whose type cannot be serialized, live across a durable await: at the local. */
  unserializableLocal: { code: 99002, category: ts.DiagnosticCategory.Error, title: "local cannot be serialized" },
  /** The same, at the durable await that keeps the local alive. */
  keptAlive: { code: 99003, category: ts.DiagnosticCategory.Error, title: "durable await keeps an unserializable local alive" },
  /** An operand evaluated before a durable await in the same expression (a temporary) that cannot be serialized. */
  unserializableTemporary: { code: 99004, category: ts.DiagnosticCategory.Error, title: "temporary cannot be serialized" },
  /** A durable body calls an unmarked async function that awaits durable calls. */
  unmarkedAwaitsDurable: { code: 99005, category: ts.DiagnosticCategory.Error, title: "unmarked async function awaits durable calls" },
  /** A combinator mixes durable calls (or helpers) and ordinary promises. */
  mixedCombinator: { code: 99006, category: ts.DiagnosticCategory.Error, title: "combinator mixes durable calls and ordinary promises" },
  /** dispatch.function / dispatch.durable given something that is not an async function. */
  notAsync: { code: 99007, category: ts.DiagnosticCategory.Error, title: "durable function is not an async function" },
  /** dispatch.function given a reference instead of the function itself: only inline functions are lowered. */
  notInline: { code: 99011, category: ts.DiagnosticCategory.Error, title: "durable function not written inline" },
  /** A wire name that does not match the protocol's pattern. */
  invalidWireName: { code: 99008, category: ts.DiagnosticCategory.Error, title: "invalid wire name" },
  /** Two dispatch.functions with one wire name in a module. */
  duplicateWireName: { code: 99009, category: ts.DiagnosticCategory.Error, title: "duplicate wire name" },
  /** Two dispatch.functions with one wire name in different modules of the program. */
  duplicateWireNameAcrossModules: { code: 99010, category: ts.DiagnosticCategory.Warning, title: "wire name used by another module" },
} as const;

export type DiagKind = (typeof Diag)[keyof typeof Diag];

/** The wire-name pattern of the protocol (runtime/engine/function-registry.ts checks the same at registration). */
export const WIRE_NAME = /^[a-zA-Z_][a-zA-Z0-9_<>.]*$/;

/** The comment that silences dispatch-ts diagnostics on its own line and the next one. */
export const IGNORE_COMMENT = "dispatch-ts-ignore";
