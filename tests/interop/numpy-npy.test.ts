// .npy against numpy: files numpy writes (float32, float16, format 2.0, Fortran order) decode to
// the same values or fail clearly, and numpy loads the files we encode. Needs python3 with numpy:
// skipped locally without it, a failure in CI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy } from '../../shared/npy/index.ts';
import { readNpyFileHeader } from '../../server/project/index.ts';
import { createTempDir } from '../helpers/project-fixtures.ts';
import { findPython, isCi, runPython } from '../helpers/python-interop.ts';

const python = findPython(['numpy']);

const WRITE_SCRIPT = `
import sys, numpy as np
d = sys.argv[1]
a = (np.arange(2 * 3 * 4 * 5, dtype=np.float64) / 7.0 - 3.0).reshape(2, 3, 4, 5)
np.save(d + "/f4.npy", a.astype(np.float32))
np.save(d + "/f2.npy", a.astype(np.float16))
np.save(d + "/fortran.npy", np.asfortranarray(a.astype(np.float32)))
with open(d + "/v2.npy", "wb") as f:
    np.lib.format.write_array(f, a.astype(np.float32).reshape(6, 20), version=(2, 0))
np.save(d + "/expected-f2.npy", a.astype(np.float16).astype(np.float32))
`;

const READ_SCRIPT = `
import sys, json, numpy as np
out = {}
for name in sys.argv[2:]:
    a = np.load(sys.argv[1] + "/" + name)
    out[name] = {"dtype": str(a.dtype), "shape": list(a.shape), "values": a.astype(np.float64).ravel().tolist()}
print(json.dumps(out))
`;

describe.skipIf(!python && !isCi())('.npy with numpy', () => {
  it('numpy is available when CI is set', () => {
    expect(python, 'python3 with numpy').not.toBeNull();
  });

  it('decodes what numpy writes and refuses Fortran order', () => {
    const dir = createTempDir();
    runPython(python as string, WRITE_SCRIPT, [dir]);
    const read = (name: string) => decodeNpy(new Uint8Array(readFileSync(join(dir, name))));
    const expected = Array.from({ length: 120 }, (_, i) => Math.fround(i / 7 - 3));
    const f4 = read('f4.npy');
    expect(f4).toMatchObject({ dtype: '<f4', shape: [2, 3, 4, 5] });
    expect([...f4.data]).toEqual(expected);
    const f2 = read('f2.npy');
    expect(f2).toMatchObject({ dtype: '<f2', shape: [2, 3, 4, 5] });
    expect([...f2.data]).toEqual([...read('expected-f2.npy').data]);
    const v2 = read('v2.npy');
    expect(v2).toMatchObject({ shape: [6, 20] });
    expect([...v2.data]).toEqual(expected);
    expect(readNpyFileHeader(join(dir, 'f2.npy'))).toMatchObject({ dtype: '<f2', shape: [2, 3, 4, 5] });
    expect(() => read('fortran.npy')).toThrow(/Fortran order/);
  });

  it('numpy loads what we encode (float32 and float16)', () => {
    const dir = createTempDir();
    const values = Float32Array.from({ length: 24 }, (_, i) => i * 0.25 - 2);
    writeFileSync(join(dir, 'ours-f4.npy'), encodeNpy(values, [4, 6]));
    writeFileSync(join(dir, 'ours-f2.npy'), encodeNpy(values, [2, 3, 2, 2], '<f2'));
    const seen = JSON.parse(runPython(python as string, READ_SCRIPT, [dir, 'ours-f4.npy', 'ours-f2.npy'])) as Record<
      string,
      { dtype: string; shape: number[]; values: number[] }
    >;
    expect(seen['ours-f4.npy']).toEqual({ dtype: 'float32', shape: [4, 6], values: [...values] });
    expect(seen['ours-f2.npy']).toEqual({ dtype: 'float16', shape: [2, 3, 2, 2], values: [...values] });
  });
});
