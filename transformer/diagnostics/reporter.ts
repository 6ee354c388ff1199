// Builds dispatch-ts diagnostics (file, start, length, code, message) and
// applies the one way to silence them: a `// dispatch-ts-ignore` comment on
// the line of the reported node or on the line just above it, as
// `// @ts-ignore` works. A pair of diagnostics (a local and the await that
// keeps it alive) is silenced together when either of its lines is.
import ts = require("typescript");
import { IGNORE_COMMENT, type DiagKind } from "./codes.js";

export interface Related {
  node: ts.Node;
  message: string;
}

export class Reporter {
  readonly diagnostics: ts.Diagnostic[] = [];
  private ignoredLines: Set<number> | undefined;

  constructor(readonly sf: ts.SourceFile) {}

  /** Reports one diagnostic, unless an ignore comment covers its line. */
  report(kind: DiagKind, node: ts.Node, message: string, related: Related[] = []): void {
    if (this.ignored(node)) return;
    this.diagnostics.push(this.make(kind, node, message, related));
  }

  /** Reports diagnostics that belong together: all of them, or none when any is silenced. */
  reportGroup(items: { kind: DiagKind; node: ts.Node; message: string; related?: Related[] }[]): void {
    if (items.some((i) => this.ignored(i.node))) return;
    for (const i of items) this.diagnostics.push(this.make(i.kind, i.node, i.message, i.related ?? []));
  }

  private make(kind: DiagKind, node: ts.Node, message: string, related: Related[]): ts.Diagnostic {
    const start = this.startOf(node);
    return {
      category: kind.category,
      code: kind.code,
      file: this.sf,
      start,
      length: Math.max(0, node.end - start),
      messageText: message,
      source: "dispatch-ts",
      relatedInformation: related.length === 0 ? undefined : related.map((r) => {
        const s = this.startOf(r.node);
        const file = r.node.getSourceFile() ?? this.sf;
        return { category: ts.DiagnosticCategory.Message, code: kind.code, file, start: s, length: Math.max(0, r.node.end - s), messageText: r.message };
      }),
    };
  }

  private startOf(node: ts.Node): number {
    // Synthesized nodes (pos -1) cannot be located: the start of the file is the honest answer.
    return node.pos >= 0 ? node.getStart(node.getSourceFile() ?? this.sf) : 0;
  }

  private ignored(node: ts.Node): boolean {
    if (node.pos < 0 || node.getSourceFile() !== this.sf) return false;
    const lines = (this.ignoredLines ??= ignoreLines(this.sf));
    if (lines.size === 0) return false;
    const line = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf)).line;
    return lines.has(line) || lines.has(line - 1);
  }
}

/** Lines (0-based) holding a `// dispatch-ts-ignore` or `/* dispatch-ts-ignore` comment. */
function ignoreLines(sf: ts.SourceFile): Set<number> {
  const out = new Set<number>();
  if (!sf.text.includes(IGNORE_COMMENT)) return out;
  const pattern = new RegExp(`(//|/\\*)\\s*${IGNORE_COMMENT}\\b`);
  sf.text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (pattern.test(line)) out.add(i);
  });
  return out;
}
