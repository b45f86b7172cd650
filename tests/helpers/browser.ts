// End-to-end helpers for the web app: build client/dist when it is missing or older than the
// client sources, start a real relay on port 0 over a real MNIST demo project, issue tokens, and
// launch Debian's Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildDemoProject } from '../../server/demo/index.ts';
import { startRelay } from '../../server/relay/start-relay.ts';
import type { RunningRelay } from '../../server/relay/start-relay.ts';
import { createLogger } from '../../server/relay/logger.ts';
import type { Logger } from '../../server/relay/logger.ts';
import type { Role } from '../../shared/protocol/index.ts';

/** Repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Built web app. */
export const CLIENT_DIST = join(REPO_ROOT, 'client', 'dist');
/** Where screenshots go (git-ignored). */
export const TEST_OUTPUT = join(REPO_ROOT, 'test-output');
/** Debian's Chromium. */
export const CHROMIUM_PATH = process.env['PATCHWORK_CHROMIUM'] ?? '/usr/bin/chromium';
/** Chromium flags for this machine (no GPU, no sandbox, no background traffic). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when Chromium is installed. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds client/dist with Vite when it is missing or older than any client (or shared) source. */
export function ensureClientBuilt(): void {
  const index = join(CLIENT_DIST, 'index.html');
  const sources = Math.max(newestMtime(join(REPO_ROOT, 'client')), newestMtime(join(REPO_ROOT, 'shared')));
  if (existsSync(index) && existsSync(join(CLIENT_DIST, 'sw.js')) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

/** A demo project served by a real relay. */
export interface DemoRelay {
  relay: RunningRelay;
  dir: string;
  truth: Uint8Array;
  /** A join link for a new token. */
  join(name: string, role: Role): string;
  close(): Promise<void>;
}

/** Builds an MNIST demo project of `count` digits in a temp dir and starts a relay on port 0. */
export async function startDemoRelay(count = 120): Promise<DemoRelay> {
  const dir = mkdtempSync(join(tmpdir(), 'patchwork-e2e-'));
  const demo = await buildDemoProject(join(dir, 'project'), { count });
  const relay = await startRelay({ projectDir: demo.dir, port: 0, clientDir: CLIENT_DIST, logger: quietLogger() });
  return {
    relay,
    dir,
    truth: demo.truth,
    join: (name, role) => `${relay.url}/#token=${relay.storage.createToken(name, role)}`,
    async close() {
      await relay.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Relay log lines at warn and above go to the test output; info is dropped. */
function quietLogger(): Logger {
  return createLogger({ level: 'warn', sink: (line) => console.error(`relay: ${line}`) });
}

/** Launches Chromium (headless). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], headless: true });
}

/** Opens a join link in a new context and waits until the Label tab is on screen. */
export async function openApp(browser: Browser, link: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(link);
  await page.waitForSelector('[data-testid="label-tab"]');
  return { context, page };
}

/** Saves a screenshot to test-output/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  const path = join(TEST_OUTPUT, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
