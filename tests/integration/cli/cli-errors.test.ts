// Every user mistake gives one `patchwork: error: …` line on stderr, a non-zero exit code and no
// stack trace: missing files, bad classes, bad .npy files, CSV problems, wrong directories. The
// whole table runs through runCli in-process; a sample also runs as the real child process.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeNpy } from '../../../shared/npy/index.ts';
import { runCli } from '../../../server/cli/index.ts';
import { runPatchwork, type CliRun } from '../../helpers/cli-process.ts';
import { createTempDir, writeImageFiles, writeNpyFile } from '../../helpers/project-fixtures.ts';

let work: string;

beforeAll(async () => {
  work = createTempDir();
  writeImageFiles(work, ['a.png', 'b.png', 'c.png']);
  writeFileSync(join(work, 'bad-list.txt'), 'a.png\nb.png\nmissing.png\n');
  writeNpyFile(join(work, 'f2.npy'), [3, 4], '<f2');
  writeNpyFile(join(work, 'rows4.npy'), [4, 8]);
  writeNpyFile(join(work, 'rank3.npy'), [3, 2, 2]);
  const good = encodeNpy(new Float32Array(12), [3, 4]);
  writeFileSync(join(work, 'truncated.npy'), good.subarray(0, good.length - 3));
  const corrupt = good.slice();
  corrupt[0] = 0x00;
  writeFileSync(join(work, 'corrupt.npy'), corrupt);
  writeFileSync(join(work, 'int64.npy'), headerOnly("{'descr': '<i8', 'fortran_order': False, 'shape': (3, 4), }", 96));
  writeFileSync(join(work, 'fortran.npy'), headerOnly("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 4), }", 48));
  writeFileSync(join(work, 'unknown-class.csv'), 'filepath,exclude,validation,cat,bird\na.png,False,False,1.0,\n');
  writeFileSync(join(work, 'stranger.csv'), 'filepath,exclude,validation,cat\na.png,False,False,1.0\nzebra.png,False,False,0.0\n');
  writeFileSync(join(work, 'bad-value.csv'), 'filepath,exclude,validation,cat\na.png,False,False,1.0\nb.png,False,False,yes\n');
  writeFileSync(join(work, 'index-column.csv'), ',filepath,exclude,validation,cat\n0,a.png,False,False,1.0\n');
  writeFileSync(join(work, 'model.json'), '{"format": "layers-model"}');
  const made = await runInProcess(['init', 'done', '--images', 'list.txt', '--classes', 'cat']);
  expect(made.code).toBe(0);
});

/** Runs the CLI in this process with captured output. */
async function runInProcess(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: work, env: {} });
  return { code, stdout, stderr };
}

function expectOneErrorLine(run: CliRun, args: readonly string[], message: RegExp, code: number): void {
  const context = `patchwork ${args.join(' ')}\nstderr: ${run.stderr}`;
  expect(run.code, context).toBe(code);
  expect(run.stdout, context).toBe('');
  expect(run.stderr, context).toMatch(/^patchwork: error: [^\n]+\n$/);
  expect(run.stderr, context).toMatch(message);
  expect(run.stderr, context).not.toMatch(/\n\s+at /);
}

/** A .npy file with a hand-written header dict. */
function headerOnly(dict: string, dataBytes: number): Uint8Array {
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const text = dict.padEnd(total - 11, ' ') + '\n';
  const out = new Uint8Array(total + dataBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 0xff, text.length >> 8]);
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  return out;
}

const INIT = ['init', 'p', '--images', 'list.txt'];

/** [command line, expected message, expected exit code]. */
const MISTAKES: Array<[string[], RegExp, number]> = [
  [['init', 'p', '--images', 'nope.txt', '--classes', 'cat'], /image list .*nope\.txt: no such file/, 1],
  [['init', 'p', '--images', 'bad-list.txt', '--classes', 'cat'], /1 of 3 images not found .*"missing\.png"/, 1],
  [[...INIT, '--classes', 'cat,exclude'], /"exclude" is a reserved column name/, 1],
  [[...INIT, '--classes', 'validation'], /"validation" is a reserved column name/, 1],
  [[...INIT, '--classes', 'cat,dog,cat'], /class "cat" is listed twice/, 1],
  [[...INIT, '--classes', 'ca"t'], /contains a comma, quote or line break/, 1],
  [[...INIT, '--classes', 'cat,,dog'], /a class name is empty/, 1],
  [[...INIT, '--classes', 'cat', '--features', 'rows4.npy'], /4 feature rows but 3 images/, 1],
  [[...INIT, '--classes', 'cat', '--features', 'rank3.npy'], /shape \(N, d\) or \(N, h, w, c\), not \(3, 2, 2\)/, 1],
  [[...INIT, '--classes', 'cat', '--features', 'truncated.npy'], /truncated \.npy file: .*needs 48 data bytes, found 45/, 1],
  [[...INIT, '--classes', 'cat', '--features', 'corrupt.npy'], /not a \.npy file \(bad magic/, 1],
  [[...INIT, '--classes', 'cat', '--features', 'int64.npy'], /unsupported \.npy dtype '<i8'/, 1],
  [[...INIT, '--classes', 'cat', '--features', 'fortran.npy'], /Fortran order/, 1],
  [[...INIT, '--classes', 'cat', '--features', 'absent.npy'], /features file .*absent\.npy: no such file/, 1],
  [[...INIT, '--classes', 'cat', '--extractor', 'model.json'], /not a TensorFlow\.js model\.json/, 1],
  [[...INIT, '--classes', 'cat', '--labels', 'unknown-class.csv'], /line 1: unknown class "bird"/, 1],
  [[...INIT, '--classes', 'cat', '--labels', 'stranger.csv'], /stranger\.csv line 3: filepath "zebra\.png" is not in the image list/, 1],
  [[...INIT, '--classes', 'cat', '--labels', 'bad-value.csv'], /bad-value\.csv: line 3: column "cat": unknown value "yes"/, 1],
  [[...INIT, '--classes', 'cat', '--labels', 'index-column.csv'], /index column/, 1],
  [['init', 'done', '--images', 'list.txt', '--classes', 'cat'], /already a patchwork project/, 1],
  [['export', '.'], /is not a patchwork project \(no patchwork\.json\)/, 1],
  [['history', 'nowhere'], /nowhere: no such directory/, 1],
  [['export', 'done', '--as-of', 'last tuesday'], /--as-of "last tuesday" is not an ISO-8601 time/, 2],
  [['export', 'done', '--out', 'no/such/dir/x.csv'], /no such directory/, 1],
  [['init', 'p', '--images'], /option --images needs a value/, 2],
  [['init', '--images', 'list.txt'], /needs <dir>/, 2],
  [['init', 'p', '--classes', 'cat'], /give --images/, 1],
  [['export', 'done', '--outt', 'x.csv'], /unknown option --outt/, 2],
  [['frobnicate'], /unknown command "frobnicate"/, 2],
  [['serve', 'done', '--port', 'eighty'], /--port must be a number from 0 to 65535, not "eighty"/, 2],
];

describe('patchwork CLI user mistakes', () => {
  it('each gives one error line, a non-zero exit code and no stack trace', async () => {
    for (const [args, message, code] of MISTAKES) {
      expectOneErrorLine(await runInProcess(args), args, message, code);
    }
    expect(existsSync(join(work, 'p'))).toBe(false);
  });

  it('the real command prints the same single line (child processes)', async () => {
    const sample = [0, 4, 7, 10, 16, 20, 28].map((i) => MISTAKES[i] as (typeof MISTAKES)[number]);
    const runs = await Promise.all(sample.map(([args]) => runPatchwork(args, { cwd: work })));
    sample.forEach(([args, message, code], i) => expectOneErrorLine(runs[i] as CliRun, args, message, code));
  });

  it('a failed init leaves nothing behind', async () => {
    const run = await runInProcess([...INIT, '--classes', 'cat', '--features', 'rows4.npy']);
    expect(run.code).toBe(1);
    expect(existsSync(join(work, 'p'))).toBe(false);
    const again = await runInProcess([...INIT, '--classes', 'cat', '--features', 'f2.npy']);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/features float16 \(3, 4\)/);
  });
});
