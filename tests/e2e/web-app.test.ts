// End-to-end tests of the web app in Debian's Chromium against a real relay on port 0 serving the
// built app over a real MNIST demo project: live collaboration between two annotators, offline
// labelling with a reload and a later sync, a keyboard-only session, and a view-only link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureClientBuilt, hasChromium, launchChromium, openApp, screenshot, startDemoRelay } from '../helpers/browser.ts';
import type { DemoRelay } from '../helpers/browser.ts';
import { waitFor } from '../helpers/wait-for.ts';

const SKIP = hasChromium() ? false : 'Chromium is not installed at /usr/bin/chromium';

let demo: DemoRelay;
let browser: Browser;
let ownerToken: string;

/** GET an export from the relay as the owner. */
async function relayCsv(file: 'labels.csv' | 'events.csv'): Promise<string[][]> {
  const res = await fetch(`${demo.relay.url}/api/projects/${demo.relay.projectId}/${file}`, { headers: { Authorization: `Bearer ${ownerToken}` } });
  expect(res.status).toBe(200);
  return (await res.text())
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

/** Rows of events.csv by `annotator` (header: time,annotator,row,filepath,field,value,dwell_ms). */
async function eventsBy(annotator: string): Promise<string[][]> {
  return (await relayCsv('events.csv')).slice(1).filter((r) => r[1] === annotator);
}

async function batchRows(page: Page): Promise<number[]> {
  return page.$$eval('.tile[data-row]', (tiles) => tiles.map((t) => Number((t as HTMLElement).dataset['row'])));
}

async function selectedRow(page: Page): Promise<number> {
  return Number(await page.getAttribute('.tile.selected', 'data-row'));
}

/** Labels the selected image with its true digit (keys 1–9 are classes zero…eight; nine by click). */
async function labelTruth(page: Page, truth: number): Promise<void> {
  if (truth < 9) await page.keyboard.press(String(truth + 1));
  else await page.click('[data-testid="class-9-1"]');
}

beforeAll(async () => {
  if (SKIP) return;
  ensureClientBuilt();
  demo = await startDemoRelay(150);
  ownerToken = demo.relay.storage.createToken('olivia', 'owner');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe.skipIf(SKIP)('web app end to end', () => {
  it('two annotators label live and see each other’s edits and selections', async () => {
    const alice = await openApp(browser, demo.join('alice', 'annotator'));
    const bob = await openApp(browser, demo.join('bob', 'annotator'));
    try {
      await alice.page.keyboard.press('s');
      await alice.page.waitForSelector('.tile[data-row]');
      const aliceBatch = await batchRows(alice.page);
      expect(aliceBatch).toHaveLength(16);
      await bob.page.waitForSelector('[data-testid="presence"] [data-peer="alice"]');
      await bob.page.keyboard.press('s');
      await bob.page.waitForSelector('.tile[data-row]');
      const bobBatch = await batchRows(bob.page);
      expect(bobBatch.filter((r) => aliceBatch.includes(r))).toEqual([]);

      const row = await selectedRow(alice.page);
      const digit = demo.truth[row] as number;
      await labelTruth(alice.page, digit);
      const className = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][digit] as string;
      await bob.page.waitForFunction(
        (name) => document.querySelector(`[data-testid="counts-table"] [data-class="${name}"] [data-cell="training-pos"]`)?.textContent === '1',
        className,
      );

      // Bob pulls the image alice is on into his grid and sees her outline on it.
      await bob.page.click('[data-testid="radio-label status"] label:has-text("partial")');
      await bob.page.keyboard.press('s');
      await bob.page.waitForSelector(`.tile[data-row="${row}"][data-peer="alice"]`);
      await screenshot(bob.page, 'collab-bob-sees-alice');

      // Bob overrules alice's label on the same cell; alice, still on that image, sees the conflict.
      await bob.page.click(`[data-testid="class-${digit}-0"]`);
      await alice.page.waitForSelector('[data-testid="conflict-notice"]:has-text("bob")');
      expect(await alice.page.getAttribute(`[data-testid="class-${digit}-0"]`, 'aria-checked')).toBe('true');
      await screenshot(alice.page, 'collab-alice-conflict');
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });

  it('labels 20 images offline, reloads offline, and syncs them all on reconnect', async () => {
    const { context, page } = await openApp(browser, demo.join('carol', 'annotator'));
    try {
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
      await page.waitForSelector('[data-testid="connection"][data-state="online"]');
      await page.selectOption('[data-testid="grid-size"]', '5');
      await page.keyboard.press('s');
      await page.waitForSelector('.tile[data-row]');
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.tile img')].every((img) => img.complete && img.naturalWidth > 0));

      await context.setOffline(true);
      await page.waitForSelector('[data-testid="connection"][data-state="offline"]', { timeout: 20_000 });
      const labelled: number[] = [];
      for (let i = 0; i < 20; i++) {
        const row = await selectedRow(page);
        await labelTruth(page, demo.truth[row] as number);
        labelled.push(row);
        await page.keyboard.press('ArrowRight');
      }
      await page.waitForSelector('[data-testid="connection"][data-unsynced="20"]');
      await screenshot(page, 'offline-20-unsynced');
      expect(await eventsBy('carol')).toHaveLength(0);

      await page.reload();
      await page.waitForSelector('[data-testid="label-tab"]');
      await page.waitForSelector('[data-testid="connection"][data-state="offline"][data-unsynced="20"]');
      // The batch and selection survive the reload; thumbnails come from the service worker's cache.
      expect(await batchRows(page)).toHaveLength(25);
      expect(await selectedRow(page)).toBe(await page.evaluate(() => Number(document.querySelectorAll('.tile[data-row]')[20]?.getAttribute('data-row'))));
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.tile img')].every((img) => img.complete && img.naturalWidth > 0));
      const labelledCount = await page.$eval('[data-testid="counts-table"] tbody', (tbody) =>
        [...tbody.querySelectorAll('[data-cell="training-pos"]')].reduce((sum, td) => sum + Number(td.textContent), 0),
      );
      expect(labelledCount).toBeGreaterThanOrEqual(20);
      await screenshot(page, 'offline-after-reload');

      await context.setOffline(false);
      await page.waitForSelector('[data-testid="connection"][data-state="online"][data-unsynced="0"]', { timeout: 30_000 });
      await waitFor(async () => (await eventsBy('carol')).length === 20, { timeoutMs: 15_000, what: 'carol’s 20 events on the relay' });
      const events = await eventsBy('carol');
      expect(new Set(events.map((e) => Number(e[2])))).toEqual(new Set(labelled));
      const labels = await relayCsv('labels.csv');
      const header = labels[0] as string[];
      for (const row of labelled) {
        const cells = labels[row + 1] as string[];
        const truthColumn = header.indexOf(['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'][demo.truth[row] as number] as string);
        expect(cells[truthColumn]).toBe('1.0');
      }
      // No duplicates after another reload online.
      await page.reload();
      await page.waitForSelector('[data-testid="connection"][data-state="online"]');
      expect(await eventsBy('carol')).toHaveLength(20);
    } finally {
      await context.close();
    }
  });

  it('a keyboard-only session labels a whole batch', async () => {
    const { context, page } = await openApp(browser, demo.join('dave', 'annotator'));
    try {
      await page.keyboard.press('s');
      await page.waitForSelector('.tile[data-row]');
      const rows = await batchRows(page);
      for (let i = 0; i < rows.length; i++) {
        await labelTruth(page, demo.truth[await selectedRow(page)] as number);
        if (i % 4 === 3) await page.keyboard.press('x');
        await page.keyboard.press('ArrowRight');
      }
      await page.keyboard.press('z');
      await page.keyboard.press('?');
      await page.waitForSelector('[data-testid="shortcuts"]');
      await screenshot(page, 'keyboard-shortcuts');
      await page.keyboard.press('Escape');
      await screenshot(page, 'keyboard-batch-done');
      await waitFor(async () => (await eventsBy('dave')).length >= rows.length + 4, { what: 'dave’s events on the relay' });
      const events = await eventsBy('dave');
      expect(new Set(events.map((e) => Number(e[2])))).toEqual(new Set(rows));
      expect(events.filter((e) => e[4] === 'exclude')).toHaveLength(4);
      expect(events.every((e) => Number(e[6]) >= 0)).toBe(true);
      expect(events.some((e) => Number(e[6]) > 0)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('a viewer can browse but cannot label', async () => {
    const { context, page } = await openApp(browser, demo.join('vera', 'viewer'));
    try {
      expect(await page.textContent('[data-testid="role"]')).toContain('viewer');
      await page.keyboard.press('s');
      await page.waitForSelector('.tile[data-row]');
      expect(await page.isDisabled('[data-testid="class-0-1"]')).toBe(true);
      await page.keyboard.press('1');
      await page.keyboard.press('z');
      await page.keyboard.press('x');
      await page.waitForSelector('[data-testid="message"]:has-text("view-only")');
      await screenshot(page, 'viewer');
      expect(await eventsBy('vera')).toHaveLength(0);
    } finally {
      await context.close();
    }
  });

  it('the History tab shows per-annotator statistics and downloads', async () => {
    const { context, page } = await openApp(browser, demo.join('olivia', 'owner'));
    try {
      await page.click('[data-testid="tab-button-history"]');
      await page.waitForSelector('[data-testid="annotator-stats"] [data-annotator="carol"]');
      expect(await page.textContent('[data-testid="annotator-stats"] [data-annotator="carol"] td')).toBe('20');
      await page.waitForSelector('[data-testid="line-plot"] [data-series="carol"] circle');
      const href = await page.getAttribute('[data-testid="download-events"]', 'href');
      const res = await page.request.get(href as string);
      expect(res.status()).toBe(200);
      expect((await res.text()).split('\n')[0]).toBe('time,annotator,row,filepath,field,value,dwell_ms');
      await screenshot(page, 'history');
      await page.click('[data-testid="tab-button-train"]');
      await page.click('[data-testid="make-it-so"]');
      await page.waitForSelector('[data-testid="tab-train"] [data-status="requested"]:has-text("waiting for a trainer")');
      await screenshot(page, 'train-tab');
    } finally {
      await context.close();
    }
  });

  it('the Train tab previews augmented copies of a relay image', async () => {
    const { context, page } = await openApp(browser, demo.join('olivia', 'owner'));
    try {
      await page.click('[data-testid="tab-button-train"]');
      await page.click('[data-testid="aug-details"] summary');
      await page.waitForSelector('[data-testid="aug-preview"][data-drawn="0:1"]');
      const images = await page.$$eval('[data-testid="aug-preview"] canvas', (cs) => cs.map((c) => (c as HTMLCanvasElement).toDataURL()));
      expect(images).toHaveLength(9);
      expect(new Set(images).size).toBeGreaterThan(4);
      await page.locator('[data-testid="aug-preview"]').scrollIntoViewIfNeeded();
      await screenshot(page, 'train-augmentation-preview');
    } finally {
      await context.close();
    }
  });
});
