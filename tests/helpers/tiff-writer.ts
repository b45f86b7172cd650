// Writes a minimal uncompressed little-endian TIFF with any number of 16-bit bands (first band
// grey, the rest extra samples), as remote-sensing tools produce; used to test multi-band rendering.

/** Encodes `bands` (each width × height, row-major) as a 16-bit multi-band TIFF. */
export function encodeMultibandTiff(width: number, height: number, bands: Uint16Array[]): Uint8Array {
  const n = bands.length;
  const entries: [tag: number, type: number, count: number, value: number][] = [];
  const dataBytes = width * height * n * 2;
  const ifdOffset = 8;
  const entryCount = 11;
  const ifdSize = 2 + entryCount * 12 + 4;
  const bitsOffset = ifdOffset + ifdSize;
  const extraOffset = bitsOffset + n * 2;
  const dataOffset = extraOffset + Math.max(0, n - 1) * 2 + 2;
  entries.push([256, 3, 1, width], [257, 3, 1, height], [258, 3, n, n > 2 ? bitsOffset : 16], [259, 3, 1, 1], [262, 3, 1, 1]);
  entries.push([273, 4, 1, dataOffset], [277, 3, 1, n], [278, 3, 1, height], [279, 4, 1, dataBytes], [284, 3, 1, 1]);
  entries.push([338, 3, n - 1, n - 1 > 2 ? extraOffset : 0]);
  const out = new Uint8Array(dataOffset + dataBytes);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0], 0);
  view.setUint32(4, ifdOffset, true);
  view.setUint16(ifdOffset, entries.length, true);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    view.setUint16(at, tag, true);
    view.setUint16(at + 2, type, true);
    view.setUint32(at + 4, count, true);
    if (type === 3 && count === 1) view.setUint16(at + 8, value, true);
    else view.setUint32(at + 8, value, true);
  });
  view.setUint32(ifdOffset + 2 + entries.length * 12, 0, true);
  for (let b = 0; b < n; b++) view.setUint16(bitsOffset + b * 2, 16, true);
  for (let b = 0; b < n - 1; b++) view.setUint16(extraOffset + b * 2, 0, true);
  for (let p = 0; p < width * height; p++) {
    for (let b = 0; b < n; b++) view.setUint16(dataOffset + (p * n + b) * 2, (bands[b] as Uint16Array)[p] ?? 0, true);
  }
  return out;
}
