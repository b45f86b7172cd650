#!/usr/bin/env node
// Lint for the dependency rule of ARCHITECTURE.md: shared/ imports nothing outside shared/ but yjs
// and lib0 and does no I/O; client/, server/ and trainer/ never import each other; no import
// cycles; every source file opens with a header comment. Exits 1 with one line per violation.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Tree to check; PATCHWORK_LINT_ROOT lets the lint's own test point it at a fixture tree. */
const ROOT = resolve(process.env.PATCHWORK_LINT_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const PRODUCT = ['shared', 'server', 'client', 'trainer'];
const SCANNED = [...PRODUCT, 'tests', 'bench'];
const SHARED_PACKAGES = new Set(['yjs', 'lib0']);
/** Calls that make code impure; shared/ takes clocks and random sources as parameters instead. */
const SHARED_FORBIDDEN_CALLS = [
  ['Date.now()', /\bDate\.now\s*\(/],
  ['Math.random()', /\bMath\.random\s*\(/],
  ['setTimeout()', /\bsetTimeout\s*\(/],
  ['setInterval()', /\bsetInterval\s*\(/],
  ['fetch()', /\bfetch\s*\(/],
  ['process', /\bprocess\./],
  ['performance.now()', /\bperformance\.now\s*\(/],
];
const IMPORT_PATTERN = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"]([^'"]+)['"]/gm;

function listSources(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listSources(path));
    else if (/\.(ts|tsx|mts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function topFolder(path) {
  return relative(ROOT, path).split(sep)[0];
}

function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function resolveLocal(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const problems = [];
const graph = new Map();
const files = SCANNED.flatMap((folder) => listSources(join(ROOT, folder)));

for (const file of files) {
  const rel = relative(ROOT, file);
  const folder = topFolder(file);
  const raw = readFileSync(file, 'utf8');
  const source = stripComments(raw);
  const edges = [];
  if (PRODUCT.includes(folder)) {
    const firstLine = raw.replace(/^#!.*\n/, '').trimStart();
    if (!firstLine.startsWith('//') && !firstLine.startsWith('/*')) problems.push(`${rel}: missing the header comment that says what the file is`);
  }
  for (const match of source.matchAll(IMPORT_PATTERN)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier) continue;
    if (specifier.startsWith('.')) {
      const target = resolveLocal(file, specifier);
      if (!target) {
        problems.push(`${rel}: import '${specifier}' does not resolve to a file`);
        continue;
      }
      const targetFolder = topFolder(target);
      if (folder === 'shared' && targetFolder !== 'shared') problems.push(`${rel}: shared/ must not import ${targetFolder}/ ('${specifier}')`);
      if (PRODUCT.includes(folder) && folder !== 'shared' && PRODUCT.includes(targetFolder) && targetFolder !== 'shared' && targetFolder !== folder)
        problems.push(`${rel}: ${folder}/ must not import ${targetFolder}/ ('${specifier}'); they meet only through shared/`);
      if (PRODUCT.includes(folder) && (targetFolder === 'tests' || targetFolder === 'bench')) problems.push(`${rel}: product code must not import ${targetFolder}/`);
      edges.push(target);
    } else if (folder === 'shared') {
      const pkg = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (!SHARED_PACKAGES.has(pkg)) problems.push(`${rel}: shared/ may import only yjs and lib0, not '${specifier}'`);
    }
  }
  if (folder === 'shared') {
    for (const [name, pattern] of SHARED_FORBIDDEN_CALLS) {
      if (pattern.test(source)) problems.push(`${rel}: shared/ must not call ${name}; pass it in`);
    }
  }
  graph.set(file, edges);
}

// Cycle detection: iterative DFS with colours; report each cycle once.
const colour = new Map();
const reported = new Set();
for (const start of graph.keys()) {
  if (colour.get(start)) continue;
  const stack = [[start, 0]];
  const path = [start];
  colour.set(start, 1);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [node, index] = top;
    const edges = graph.get(node) ?? [];
    if (index < edges.length) {
      top[1]++;
      const next = edges[index];
      const state = colour.get(next);
      if (state === 1) {
        const cycle = path.slice(path.indexOf(next)).concat(next).map((p) => relative(ROOT, p));
        const key = [...cycle].sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          problems.push(`import cycle: ${cycle.join(' -> ')}`);
        }
      } else if (!state) {
        colour.set(next, 1);
        stack.push([next, 0]);
        path.push(next);
      }
    } else {
      colour.set(node, 2);
      stack.pop();
      path.pop();
    }
  }
}

if (problems.length) {
  for (const p of problems) console.error(`lint: ${p}`);
  console.error(`lint: ${problems.length} problem(s) in ${files.length} files`);
  process.exit(1);
}
console.log(`lint: ${files.length} files, import rule and header comments OK, no cycles`);
