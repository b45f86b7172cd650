// The image grid: the sampled batch as thumbnails from the relay, click to select, a thick outline
// on the selected image and a coloured outline (with a name tag) where another annotator is looking.
import type { ReadonlySignal } from '@preact/signals';
import type { Peer } from '../bridge/presence-bridge.ts';
import type { TableSnapshot } from '../bridge/labels-bridge.ts';
import type { LabelSession } from '../models/label-session.ts';
import { rowState, ROW_STATE } from '../../shared/views/index.ts';

/** Props of ImageGrid. */
export interface ImageGridProps {
  session: LabelSession;
  snapshot: ReadonlySignal<TableSnapshot | null>;
  peers: ReadonlySignal<readonly Peer[]>;
  imageUrl(row: number): string;
}

const STATE_TEXT = { [ROW_STATE.UNLABELLED]: 'unlabelled', [ROW_STATE.PARTIAL]: 'partial', [ROW_STATE.LABELLED]: 'labelled' } as const;

/** A dim × dim grid of the current batch. */
export function ImageGrid({ session, snapshot, peers, imageUrl }: ImageGridProps) {
  const rows = session.batch.value;
  const dim = session.settings.gridSize.value;
  const selected = session.selected.value;
  const snap = snapshot.value;
  const lookers = new Map<number, Peer[]>();
  for (const peer of peers.value) {
    if (peer.selection === null) continue;
    const list = lookers.get(peer.selection) ?? [];
    list.push(peer);
    lookers.set(peer.selection, list);
  }
  if (rows.length === 0) {
    return (
      <div class="grid-empty" data-testid="grid-empty">
        <p>No batch yet. Choose the filters above and press <strong>Sample</strong> (or <kbd>s</kbd>).</p>
      </div>
    );
  }
  const cells = Array.from({ length: Math.max(dim * dim, rows.length) }, (_, i) => rows[i]);
  return (
    <div class="grid" style={{ gridTemplateColumns: `repeat(${dim}, minmax(0, 1fr))` }} data-testid="image-grid">
      {cells.map((row, i) => {
        if (row === undefined) return <div key={`empty-${i}`} class="tile tile-empty" aria-hidden="true" />;
        const here = lookers.get(row) ?? [];
        const first = here[0];
        const state = snap ? rowState(snap.table, row) : ROW_STATE.UNLABELLED;
        const excluded = snap?.table.exclude[row] === 1;
        const positives = snap ? snap.table.classes.filter((_, c) => snap.table.labels[c]?.[row] === 1) : [];
        return (
          <button
            type="button"
            key={row}
            class={`tile ${i === selected ? 'selected' : ''} state-${STATE_TEXT[state]} ${excluded ? 'excluded' : ''}`}
            style={first ? { outlineColor: first.color, '--peer': first.color } : undefined}
            data-row={row}
            data-peer={here.map((p) => p.name).join(',') || undefined}
            aria-pressed={i === selected}
            aria-label={`image ${row}, ${STATE_TEXT[state]}`}
            onClick={() => session.select(i)}
          >
            <img src={imageUrl(row)} alt="" loading="eager" decoding="async" draggable={false} />
            <span class="tile-meta">
              <span class="tile-row">#{row}</span>
              {excluded ? <span class="chip chip-excluded">excluded</span> : positives.slice(0, 3).map((p) => <span key={p} class="chip">{p}</span>)}
            </span>
            {here.length > 0 && (
              <span class="peer-tag" style={{ background: first?.color }}>
                {here.map((p) => p.name).join(', ')}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
