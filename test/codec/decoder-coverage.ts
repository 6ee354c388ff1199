// Block coverage of the decoder's own files during a test, from V8's precise
// coverage (the inspector protocol, in process): the share of the decoder's
// code blocks (function bodies, branches, loop bodies) that ran at least once.
// V8 reports each block a branch can take, so this is branch coverage in all
// but name. It returns undefined when coverage cannot be taken (for instance
// when a coverage run of vitest already drives the profiler).

import { Session } from "node:inspector";

const DECODER_FILES = /runtime\/codec\/(byte-reader|decoder|decode-[a-z-]+)\.(ts|js)/;

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface ScriptCoverage {
  url: string;
  functions: { ranges: Range[] }[];
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))),
  );
}

export async function withDecoderCoverage(run: () => void): Promise<{ covered: number; total: number } | undefined> {
  const session = new Session();
  session.connect();
  try {
    await post(session, "Profiler.enable");
    await post(session, "Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  } catch {
    session.disconnect();
    run();
    return undefined;
  }
  try {
    run();
    const { result } = await post<{ result: ScriptCoverage[] }>(session, "Profiler.takePreciseCoverage");
    let covered = 0;
    let total = 0;
    for (const script of result) {
      if (!DECODER_FILES.test(script.url)) continue;
      for (const fn of script.functions) {
        for (const range of fn.ranges) {
          total++;
          if (range.count > 0) covered++;
        }
      }
    }
    return total === 0 ? undefined : { covered, total };
  } finally {
    await post(session, "Profiler.stopPreciseCoverage").catch(() => undefined);
    session.disconnect();
  }
}
