// The BADGE ranking blob format, shared by the trainer (writer) and the client (reader): int32
// little-endian row indexes, best first, no header (shape [K], dtype int32 in the BlobRef).

/** Encodes a ranking as the blob bytes: int32 little-endian row indexes, best first. */
export function encodeRankingBlob(ranking: Int32Array): Uint8Array {
  const out = new Uint8Array(ranking.length * 4);
  const view = new DataView(out.buffer);
  ranking.forEach((row, i) => view.setInt32(i * 4, row, true));
  return out;
}

/** Decodes ranking blob bytes (int32 little-endian). */
export function decodeRankingBlob(bytes: Uint8Array): Int32Array {
  if (bytes.length % 4 !== 0) throw new Error(`a ranking blob has a multiple of 4 bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Int32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}
