// The one place that reports constructs the lowering does not support inside
// durable bodies, each as "not supported: <construct>" at its location.
import ts from "typescript";
import { isFunctionBoundary } from "./contains-await.js";
import type { DurableRole } from "./find-durable.js";

export function checkUnsupported(sf: ts.SourceFile, roles: ReadonlyMap<ts.Node, DurableRole>, report: (node: ts.Node, message: string) => void): void {
  for (const fn of roles.keys()) {
    const walk = (n: ts.Node): void => {
      if (n !== fn && isFunctionBoundary(n)) return;
      if (ts.isWithStatement(n)) report(n, "not supported: `with` in a durable function (its scope cannot be saved in a frame)");
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "eval") {
        report(n, "not supported: direct eval in a durable function (it could read locals the compiler moved into the frame); use indirect (0, eval)(...)");
      }
      n.forEachChild(walk);
    };
    walk(fn);
  }
  void sf;
}
