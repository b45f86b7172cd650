// The whole web app rendered into a jsdom node over a client fixture (owner token "tok-123", two
// classes, 50 images), with query and input helpers by data-testid, for component tests.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { App } from '../../client/components/App.tsx';
import { createClientFixture } from './client-fixtures.ts';
import type { ClientFixture, ClientFixtureOptions } from './client-fixtures.ts';

/** A mounted app and helpers over its DOM. */
export interface MountedApp {
  fx: ClientFixture;
  scratch: HTMLElement;
  /** The element with this data-testid (throws when there is none). */
  q<T extends Element = HTMLElement>(testId: string): T;
  /** Types `value` into an input (fires `input`). */
  type(testId: string, value: string): void;
  /** Clicks an element. */
  click(testId: string): void;
  unmount(): void;
}

/** Clears storage, stores the token, creates the fixture (options override the defaults) and renders the app. */
export function mountApp(options: ClientFixtureOptions = {}): MountedApp {
  localStorage.clear();
  localStorage.setItem('patchwork.token', 'tok-123');
  const scratch = document.createElement('div');
  document.body.appendChild(scratch);
  const fx = createClientFixture({ classes: ['a', 'b'], imageCount: 50, ...options });
  act(() => render(<App app={fx.app} labels={fx.labels} model={fx.model} downloadUrl={(f) => `/dl/${f}`} />, scratch));
  const q = <T extends Element = HTMLElement>(testId: string): T => {
    const el = scratch.querySelector<T>(`[data-testid="${testId}"]`);
    if (!el) throw new Error(`no element ${testId}`);
    return el;
  };
  return {
    fx,
    scratch,
    q,
    type(testId, value) {
      act(() => {
        const el = q<HTMLInputElement>(testId);
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
    },
    click(testId) {
      act(() => {
        q<HTMLElement>(testId).click();
      });
    },
    unmount() {
      render(null, scratch);
      scratch.remove();
      fx.app.dispose();
    },
  };
}
