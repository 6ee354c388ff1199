// Mutations of valid encodings for fuzzing the decoder. They know the format
// well enough to hit it where it hurts: lengths after length-carrying tags are
// replaced by hostile ones, bytes are replaced by tags, encodings are cut,
// spliced into each other and stretched with runs of continuation bytes.

import * as t from "./tags.js";

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const LENGTH_TAGS = new Set<number>([
  t.UINT, t.NINT, t.BIGINT_POS, t.BIGINT_NEG, t.STR, t.STR16, t.STRREF, t.BACKREF, t.OBJ_NEW, t.OBJ_SHAPE, t.ARRAY,
  t.ARRAY_SPARSE, t.MAP, t.SET, t.ARRAY_BUFFER, t.ARRAY_BUFFER_RESIZABLE, t.NODE_BUFFER,
]);
const TAGS = [...Array.from({ length: t.LAST_TAG - t.UNDEFINED + 1 }, (_, i) => t.UNDEFINED + i), 0x00, 0x3f, 0x40, 0x5f, 0x60, 0x80, 0xa0, 0xaf, 0xff];
const HOSTILE_LENGTHS = [0, 1, 0x7f, 0x80, 2 ** 16, 2 ** 31 - 1, 2 ** 32, 2 ** 32 - 1, 2 ** 53, 2 ** 53 - 1];

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

export type Mutation = (input: number[], rnd: () => number, corpus: readonly Uint8Array[]) => number[];

const at = (input: number[], rnd: () => number): number => 1 + Math.floor(rnd() * Math.max(1, input.length - 1));
const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]!;

export const mutations: Record<string, Mutation> = {
  flipBit(input, rnd) {
    const i = at(input, rnd);
    input[i] = (input[i] ?? 0) ^ (1 << Math.floor(rnd() * 8));
    return input;
  },
  setByte(input, rnd) {
    input[at(input, rnd)] = Math.floor(rnd() * 256);
    return input;
  },
  spliceTag(input, rnd) {
    input[at(input, rnd)] = pick(TAGS, rnd);
    return input;
  },
  truncate(input, rnd) {
    return input.slice(0, at(input, rnd));
  },
  hostileLength(input, rnd) {
    const positions = input.flatMap((b, i) => (i > 0 && LENGTH_TAGS.has(b) ? [i] : []));
    if (positions.length === 0) return input;
    const i = pick(positions, rnd) + 1;
    let end = i;
    while (end < input.length && input[end]! >= 0x80) end++;
    input.splice(i, end + 1 - i, ...varint(pick(HOSTILE_LENGTHS, rnd)));
    return input;
  },
  continuationRun(input, rnd) {
    input.splice(at(input, rnd), 0, ...Array<number>(1 + Math.floor(rnd() * 12)).fill(0xff));
    return input;
  },
  insertBytes(input, rnd) {
    const n = 1 + Math.floor(rnd() * 4);
    input.splice(at(input, rnd), 0, ...Array.from({ length: n }, () => Math.floor(rnd() * 256)));
    return input;
  },
  deleteRange(input, rnd) {
    const i = at(input, rnd);
    input.splice(i, 1 + Math.floor(rnd() * 8));
    return input;
  },
  duplicateRange(input, rnd) {
    const i = at(input, rnd);
    const chunk = input.slice(i, i + 1 + Math.floor(rnd() * 16));
    input.splice(at(input, rnd), 0, ...chunk);
    return input;
  },
  crossOver(input, rnd, corpus) {
    const other = pick(corpus, rnd);
    const j = 1 + Math.floor(rnd() * Math.max(1, other.length - 1));
    return [...input.slice(0, at(input, rnd)), ...other.subarray(j, j + 1 + Math.floor(rnd() * 32))];
  },
};

export const mutationNames = Object.keys(mutations);
