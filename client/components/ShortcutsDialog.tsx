// The `?` dialog listing every keyboard shortcut.
import type { Signal } from '@preact/signals';
import { SHORTCUTS } from '../models/keymap.ts';

/** Props of ShortcutsDialog. */
export interface ShortcutsDialogProps {
  open: Signal<boolean>;
}

/** A modal list of shortcuts; closes on Esc, `?` or a click outside. */
export function ShortcutsDialog({ open }: ShortcutsDialogProps) {
  if (!open.value) return null;
  return (
    <div class="overlay" onClick={() => (open.value = false)} data-testid="shortcuts">
      <div class="dialog" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table class="shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <th scope="row">
                  <kbd>{s.keys}</kbd>
                </th>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted">Every edit is saved at once, online or offline. Undo adds a new event; history is never rewritten.</p>
      </div>
    </div>
  );
}
