// @vitest-environment jsdom
// The keyboard map and a keyboard-only labelling pass through the real window listener: arrows,
// digit cycling None → 1 → 0 → None, Shift+digit, x, v, z, s, Ctrl+Z, ? and keys typed in fields.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../../client/components/App.tsx';
import { keyToAction, installKeyboard } from '../../../client/models/keymap.ts';
import type { KeyPress } from '../../../client/models/keymap.ts';
import { cycleValue } from '../../../client/models/label-session.ts';
import { readEvents } from '../../../shared/labels/index.ts';
import { createClientFixture } from '../../helpers/client-fixtures.ts';
import type { ClientFixture } from '../../helpers/client-fixtures.ts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: /^[0-9]$/.test(key) ? `Digit${key}` : '',
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...extra,
});

describe('keyToAction', () => {
  it.each([
    [press('ArrowLeft'), { type: 'prev' }],
    [press('ArrowRight'), { type: 'next' }],
    [press('1'), { type: 'cycle', classIndex: 0 }],
    [press('9'), { type: 'cycle', classIndex: 8 }],
    [press('!', { code: 'Digit1', shiftKey: true }), { type: 'set-zero', classIndex: 0 }],
    [press('#', { code: 'Digit3', shiftKey: true }), { type: 'set-zero', classIndex: 2 }],
    [press('x'), { type: 'exclude' }],
    [press('v'), { type: 'validation' }],
    [press('z'), { type: 'all-zeros' }],
    [press('s'), { type: 'sample' }],
    [press('z', { ctrlKey: true }), { type: 'undo' }],
    [press('z', { metaKey: true }), { type: 'undo' }],
    [press('?', { shiftKey: true }), { type: 'help' }],
    [press('Escape'), { type: 'close' }],
  ])('%o → %o', (input, action) => {
    expect(keyToAction(input)).toEqual(action);
  });

  it('ignores 0, other letters and modified keys that are not shortcuts', () => {
    expect(keyToAction(press('0'))).toBeNull();
    expect(keyToAction(press('q'))).toBeNull();
    expect(keyToAction(press('s', { ctrlKey: true }))).toBeNull();
    expect(keyToAction(press('1', { altKey: true }))).toBeNull();
  });

  it('cycles a class None → 1 → 0 → None', () => {
    expect([cycleValue(-1), cycleValue(1), cycleValue(0)]).toEqual([1, 0, -1]);
  });

  it('does not fire while typing in a text field', () => {
    const seen: string[] = [];
    const stop = installKeyboard(window, (a) => seen.push(a.type));
    const input = document.createElement('input');
    input.type = 'text';
    document.body.appendChild(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }));
    stop();
    input.remove();
    expect(seen).toEqual(['exclude']);
  });
});

describe('keyboard-only labelling through the app', () => {
  let scratch: HTMLElement;
  let fx: ClientFixture;
  const key = (k: string, init: KeyboardEventInit = {}): void => {
    void act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: k, code: /^[0-9]$/.test(k) ? `Digit${k}` : '', bubbles: true, ...init }));
    });
  };
  beforeEach(() => {
    scratch = document.createElement('div');
    document.body.appendChild(scratch);
    fx = createClientFixture({ imageCount: 30 });
    act(() => render(<App app={fx.app} labels={fx.labels} model={fx.model} downloadUrl={() => '#'} />, scratch));
  });
  afterEach(() => {
    render(null, scratch);
    scratch.remove();
    fx.app.dispose();
  });

  it('s samples, digits cycle, Shift+digit zeroes, x/v toggle, z zeroes and advances, Ctrl+Z undoes', () => {
    key('s');
    expect(fx.app.session.batch.value).toHaveLength(16);
    const first = fx.app.session.selectedRow.value as number;
    key('1');
    key('1');
    key('2');
    key('@', { code: 'Digit3', shiftKey: true });
    key('x');
    key('v');
    const t = () => fx.labels.snapshot.value?.table;
    expect([t()?.labels[0]?.[first], t()?.labels[1]?.[first], t()?.labels[2]?.[first]]).toEqual([0, 1, 0]);
    expect([t()?.exclude[first], t()?.validation[first]]).toEqual([1, 1]);
    key('ArrowRight');
    const second = fx.app.session.selectedRow.value as number;
    expect(second).not.toBe(first);
    key('z');
    expect([0, 1, 2].map((c) => t()?.labels[c]?.[second])).toEqual([0, 0, 0]);
    expect(fx.app.session.selected.value).toBe(2);
    key('z', { ctrlKey: true });
    expect([0, 1, 2].map((c) => t()?.labels[c]?.[second])).toEqual([-1, -1, -1]);
    key('ArrowLeft');
    key('ArrowLeft');
    key('ArrowLeft');
    expect(fx.app.session.selected.value).toBe(0);
    expect(readEvents(fx.doc).events.every((e) => e.by === 'alice')).toBe(true);
  });

  it('? opens the shortcut list and Esc closes it', () => {
    expect(scratch.querySelector('[data-testid="shortcuts"]')).toBeNull();
    key('?');
    expect(scratch.querySelector('[data-testid="shortcuts"]')?.textContent).toContain('Ctrl + Z');
    key('Escape');
    expect(scratch.querySelector('[data-testid="shortcuts"]')).toBeNull();
  });

  it('label keys do nothing outside the Label tab', () => {
    key('s');
    act(() => {
      fx.app.tab.value = 'history';
    });
    key('1');
    expect(readEvents(fx.doc).events).toHaveLength(0);
  });
});
