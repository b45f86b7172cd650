// The Train tab's BADGE request: "Compute BADGE with respect to" all classes or one class, and the
// "Update BADGE ranking" button that writes a `badge` job; shows what the current ranking covers.
import { useState } from 'preact/hooks';
import type { ModelBridge } from '../bridge/model-bridge.ts';
import { formatTime } from './format.ts';

/** Props of BadgeControls. */
export interface BadgeControlsProps {
  model: ModelBridge;
  classes: readonly string[];
  canRequest: boolean;
  requestedBy: string;
  now(): number;
}

/** Value of the "all classes" choice. */
const ALL_CLASSES = 'all';

/** BADGE controls for the Train tab. */
export function BadgeControls({ model, classes, canRequest, requestedBy, now }: BadgeControlsProps) {
  const [target, setTarget] = useState(ALL_CLASSES);
  const pointer = model.latest.value.badge as (Record<string, unknown> & { shape: number[]; labelVersion: number; createdAt: number }) | undefined;
  const rankedClass = typeof pointer?.['classIndex'] === 'number' ? classes[pointer['classIndex'] as number] ?? `class ${String(pointer['classIndex'])}` : 'all classes';
  const request = (): void => {
    const classIndex = target === ALL_CLASSES ? null : Number(target);
    model.requestJob('badge', { classIndex }, requestedBy, now());
  };
  return (
    <section class="panel" aria-label="BADGE ranking" data-testid="badge-controls">
      <h2>BADGE ranking</h2>
      <div class="actions">
        <label class="field">
          <span>Compute BADGE with respect to</span>
          <select data-testid="badge-target" value={target} onChange={(e) => setTarget((e.currentTarget as HTMLSelectElement).value)}>
            <option value={ALL_CLASSES}>all classes</option>
            {classes.map((name, c) => (
              <option key={name} value={String(c)}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="badge-update"
          disabled={!canRequest}
          title={canRequest ? 'Ranks the unlabelled images with the current model; the BADGE sort in the Label tab then uses it.' : 'View-only links cannot request jobs.'}
          onClick={request}
        >
          Update BADGE ranking
        </button>
      </div>
      <p class="muted" data-testid="badge-status">
        {pointer
          ? `Current ranking: ${pointer.shape[0] ?? 0} images with respect to ${rankedClass}, from labels v${pointer.labelVersion}, ${formatTime(pointer.createdAt)}.`
          : 'No BADGE ranking yet: train a model, then update the ranking.'}
      </p>
    </section>
  );
}
