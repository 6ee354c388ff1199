// A copy with an ArrayBuffer of its own. Not bytes.slice(): on a Buffer, slice()
// is a view of the same memory, so "a copy" would still change with the original.

const slice = Uint8Array.prototype.slice;

export function copyOf(bytes: Uint8Array): Uint8Array {
  return slice.call(bytes);
}
