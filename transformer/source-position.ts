// Lowered code keeps the source positions of the code it comes from, so that a
// stack trace under source maps (`node --enable-source-maps`, tsc's sourceMap,
// the map of transformSource and the Vite plugin) names the original file and
// line, before and after a resume. Nodes built with ts.factory have no
// position and would otherwise take the mapping of whatever was emitted before
// them (often another line); nodes updated from the original keep theirs.
import ts = require("typescript");

/** Maps a synthesized `out` to the source range of `from` (unless it has a position or range already). */
export function keepSource<T extends ts.Node>(out: T, from: ts.Node | undefined): T {
  if (from === undefined || from.pos < 0 || out.pos >= 0 || out === from) return out;
  if (ts.getSourceMapRange(out) !== out) return out;
  return ts.setSourceMapRange(out, { pos: from.pos, end: from.end });
}
