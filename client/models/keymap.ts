// The keyboard map of the Label tab: a pure function from a key press to an action, the list the
// `?` dialog shows, and the listener that ignores keys typed into form fields.

/** What a key press asks for. */
export type KeyAction =
  | { readonly type: 'prev' }
  | { readonly type: 'next' }
  | { readonly type: 'cycle'; readonly classIndex: number }
  | { readonly type: 'set-zero'; readonly classIndex: number }
  | { readonly type: 'exclude' }
  | { readonly type: 'validation' }
  | { readonly type: 'all-zeros' }
  | { readonly type: 'sample' }
  | { readonly type: 'undo' }
  | { readonly type: 'help' }
  | { readonly type: 'close' };

/** The parts of a KeyboardEvent the map reads. */
export interface KeyPress {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Shortcut descriptions, in the order the help dialog lists them. */
export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: '← / →', does: 'previous / next image (stops at either end)' },
  { keys: '1 … 9', does: 'cycle class 1…9: None → 1 → 0 → None' },
  { keys: 'Shift + 1 … 9', does: 'set class 1…9 to 0' },
  { keys: 'x', does: 'toggle exclude' },
  { keys: 'v', does: 'toggle validation' },
  { keys: 'z', does: 'all classes 0, then next image' },
  { keys: 's', does: 'sample a new batch' },
  { keys: 'Ctrl + Z', does: 'undo your last edit (recorded as a new event)' },
  { keys: '?', does: 'show / hide this list' },
  { keys: 'Esc', does: 'close this list' },
];

/** The digit 1–9 of a key press (by physical key, so Shift does not change it), or null. */
function digitOf(press: KeyPress): number | null {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(press.code);
  if (match) return Number(match[1]);
  return /^[1-9]$/.test(press.key) ? Number(press.key) : null;
}

/** Maps a key press to an action, or null when the key is not a shortcut. */
export function keyToAction(press: KeyPress): KeyAction | null {
  if ((press.ctrlKey || press.metaKey) && !press.altKey && press.key.toLowerCase() === 'z' && !press.shiftKey) return { type: 'undo' };
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'ArrowLeft') return { type: 'prev' };
  if (press.key === 'ArrowRight') return { type: 'next' };
  if (press.key === '?') return { type: 'help' };
  if (press.key === 'Escape') return { type: 'close' };
  const digit = digitOf(press);
  if (digit !== null) return press.shiftKey ? { type: 'set-zero', classIndex: digit - 1 } : { type: 'cycle', classIndex: digit - 1 };
  switch (press.key) {
    case 'x':
      return { type: 'exclude' };
    case 'v':
      return { type: 'validation' };
    case 'z':
      return { type: 'all-zeros' };
    case 's':
      return { type: 'sample' };
    default:
      return null;
  }
}

/** True when the key press happens inside a text field, where keys must keep their meaning. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || !(target as Element).tagName) return false;
  const el = target as HTMLElement;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || el.isContentEditable) return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return type === 'text' || type === 'search' || type === 'number' || type === 'password' || type === 'email';
  }
  return false;
}

/** Listens for shortcuts on `target`; returns the function that stops listening. */
export function installKeyboard(target: Pick<Window, 'addEventListener' | 'removeEventListener'>, handle: (action: KeyAction) => void): () => void {
  const listener = (event: Event): void => {
    const e = event as KeyboardEvent;
    if (isTypingTarget(e.target) && e.key !== 'Escape') return;
    const action = keyToAction(e);
    if (!action) return;
    e.preventDefault();
    handle(action);
  };
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
}
