// What the passes share while lowering one file and one function.
import type ts from "typescript";
import type { Emitter } from "./emitter.js";
import type { ScopeInfo } from "./scope.js";
import type { TdzInfo } from "./tdz.js";

export interface FileLowering {
  readonly sourceFile: ts.SourceFile;
  readonly scopes: ScopeInfo;
  /** Reads that need the temporal-dead-zone check, and the scopes that reset their fields. */
  readonly tdz: TdzInfo;
  /** Function-like nodes whose bodies become state machines. */
  readonly lowered: ReadonlySet<ts.Node>;
  /** The frame variable of each lowered function (`$f`, `$f1`, ... by nesting depth). */
  readonly frameVars: Map<ts.Node, string>;
  /** Lowers a nested durable function and returns the expression that creates it. */
  lowerNested(node: ts.FunctionLikeDeclaration): ts.Expression;
  /** The descriptor (`$dN`) of a lowered function, once `lowerNested` has lowered it. */
  descriptorOf(node: ts.Node): ts.Identifier | undefined;
  report(node: ts.Node, message: string): void;
}

export interface FunctionLowering {
  readonly file: FileLowering;
  readonly fn: ts.FunctionLikeDeclaration;
  readonly em: Emitter;
  /** The module-level descriptor of this function (`$d3`). */
  readonly descriptor: ts.Identifier;
  /** Factories of the closures lifted out of this body, `($f) => closure`, by index. */
  readonly closures: ts.Expression[];
  /** Module-level functions of the closures that are only called (direct-closures.ts): `const $d2_0 = ...`. */
  readonly direct: ts.Statement[];
  /** Environments of the enclosing durable function this closure bound, and the frame fields that hold them (outer-environments.ts). */
  outerEnvs?: ReadonlyMap<string, string>;
}
