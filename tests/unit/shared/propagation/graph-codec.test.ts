// Graph blob format: a graph survives encode → decode exactly; foreign or damaged bytes are refused.
import { describe, expect, it } from 'vitest';
import {
  GRAPH_FORMAT_VERSION,
  createNormalisedGraph,
  decodeGraph,
  encodeGraph,
  type KnnGraph,
} from '../../../../shared/propagation/index.ts';

function sampleGraph(): KnnGraph {
  const neighbours = new Int32Array([1, 2, 0, -1, 1, 0]);
  const distances = new Float64Array([0.01, 0.3, 0.01, 0, 0.25, 0.3]);
  return createNormalisedGraph(
    { n: 3, k: 2, neighbours, distances },
    {
      k: 2,
      temperature: 0.05,
      metric: 'cosine',
      search: 'hnsw',
      recall: 0.995,
      recallSamples: 3,
      featureDim: 7,
      hnsw: { connectivity: 16, expansionAdd: 64, expansionSearch: 64, quantization: 'i8', candidateFactor: 2 },
    },
  );
}

describe('graph codec', () => {
  it('round-trips arrays and parameters exactly', () => {
    const graph = sampleGraph();
    const bytes = encodeGraph(graph);
    expect(bytes.length % 8).toBe(0);
    // Decoding from an unaligned view must work too (blobs arrive inside larger buffers).
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const back = decodeGraph(shifted.subarray(3));
    expect(back.n).toBe(3);
    expect(Array.from(back.indptr)).toEqual(Array.from(graph.indptr));
    expect(Array.from(back.indices)).toEqual(Array.from(graph.indices));
    expect(Array.from(back.data)).toEqual(Array.from(graph.data));
    expect(back.params).toEqual(graph.params);
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(GRAPH_FORMAT_VERSION);
  });

  it('refuses bad magic, truncation and out-of-range columns', () => {
    const bytes = encodeGraph(sampleGraph());
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => decodeGraph(wrongMagic)).toThrow(/magic/);
    expect(() => decodeGraph(bytes.subarray(0, bytes.length - 8))).toThrow(/bytes/);
    expect(() => decodeGraph(bytes.subarray(0, 10))).toThrow(/truncated/);
    const badColumn = bytes.slice();
    const view = new DataView(badColumn.buffer);
    const headerLength = view.getUint32(16, true);
    const indicesAt = ((20 + headerLength + 7) & ~7) + 4 * 4;
    view.setInt32(indicesAt, 99, true);
    expect(() => decodeGraph(badColumn)).toThrow(/out-of-range/);
  });
});
