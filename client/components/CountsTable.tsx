// The live label-count table: per class, negatives and positives among training, validation and
// excluded rows (the three groups are disjoint). Re-renders whenever the label table changes.
import type { ReadonlySignal } from '@preact/signals';
import type { LabelCounts } from '../../shared/views/index.ts';

/** Props of CountsTable. */
export interface CountsTableProps {
  counts: ReadonlySignal<LabelCounts | null>;
}

/** Label counts per class and split. */
export function CountsTable({ counts }: CountsTableProps) {
  const c = counts.value;
  if (!c) return <p class="muted">No label table yet.</p>;
  return (
    <table class="counts" data-testid="counts-table">
      <thead>
        <tr>
          <th rowSpan={2}>class</th>
          <th colSpan={2}>training</th>
          <th colSpan={2}>validation</th>
          <th colSpan={2}>excluded</th>
        </tr>
        <tr>
          <th>neg</th>
          <th>pos</th>
          <th>neg</th>
          <th>pos</th>
          <th>neg</th>
          <th>pos</th>
        </tr>
      </thead>
      <tbody>
        {c.classes.map((name, i) => (
          <tr key={name} data-class={name}>
            <th scope="row">{name}</th>
            <td data-cell="training-neg">{c.training[i]?.neg ?? 0}</td>
            <td data-cell="training-pos">{c.training[i]?.pos ?? 0}</td>
            <td data-cell="validation-neg">{c.validation[i]?.neg ?? 0}</td>
            <td data-cell="validation-pos">{c.validation[i]?.pos ?? 0}</td>
            <td data-cell="excluded-neg">{c.excluded[i]?.neg ?? 0}</td>
            <td data-cell="excluded-pos">{c.excluded[i]?.pos ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
