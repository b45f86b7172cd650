// The import-rule lint (.ci/check-imports.mjs) run against small fixture trees: it must pass a clean
// tree and name each kind of violation (cross-folder import, shared I/O, cycle, missing header).
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';

const LINT = join(process.cwd(), '.ci', 'check-imports.mjs');
const roots: string[] = [];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pw-lint-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function lint(root: string): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [LINT], { env: { ...process.env, PATCHWORK_LINT_ROOT: root }, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('import-rule lint', () => {
  it('accepts a tree that follows the rule', () => {
    const root = tree({
      'shared/a.ts': "// a\nimport * as Y from 'yjs';\nexport const a = Y;\n",
      'server/s.ts': "// s\nimport { a } from '../shared/a.ts';\nexport const s = a;\n",
    });
    expect(lint(root).status).toBe(0);
  });

  it('rejects server importing client and shared importing node', () => {
    const root = tree({
      'client/c.ts': '// c\nexport const c = 1;\n',
      'server/s.ts': "// s\nimport { c } from '../client/c.ts';\nexport const s = c;\n",
      'shared/io.ts': "// io\nimport { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    });
    const { status, stderr } = lint(root);
    expect(status).toBe(1);
    expect(stderr).toContain('server/ must not import client/');
    expect(stderr).toContain("shared/ may import only yjs and lib0, not 'node:fs'");
  });

  it('rejects clock and random calls in shared, cycles, and missing headers', () => {
    const root = tree({
      'shared/clock.ts': '// clock\nexport const now = () => Date.now();\n',
      'trainer/a.ts': "// a\nimport { b } from './b.ts';\nexport const a = () => b;\n",
      'trainer/b.ts': "// b\nimport { a } from './a.ts';\nexport const b = () => a;\n",
      'trainer/bare.ts': 'export const bare = 1;\n',
    });
    const { status, stderr } = lint(root);
    expect(status).toBe(1);
    expect(stderr).toMatch(/shared\/clock\.ts: shared\/ must not call Date\.now/);
    expect(stderr).toMatch(/import cycle: trainer\/a\.ts -> trainer\/b\.ts -> trainer\/a\.ts|import cycle: trainer\/b\.ts -> trainer\/a\.ts -> trainer\/b\.ts/);
    expect(stderr).toContain('trainer/bare.ts: missing the header comment');
  });
});
