// @vitest-environment jsdom
// Component tests of the History tab (per-annotator statistics, labels-per-hour plot, dwell
// histogram, as-of slider) and of the model-document tabs (jobs, outputs, job requests).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import * as Y from 'yjs';
import { signal } from '@preact/signals';
import { HistoryTab } from '../../../client/components/HistoryTab.tsx';
import { ModelDocTab } from '../../../client/components/ModelDocTab.tsx';
import { bucketFor, createHistoryModel, dwellHistogram } from '../../../client/models/history-model.ts';
import { classField } from '../../../shared/schema/fields.ts';
import { createClientFixture } from '../../helpers/client-fixtures.ts';
import type { ClientFixture } from '../../helpers/client-fixtures.ts';

let scratch: HTMLElement;
let fx: ClientFixture;
beforeEach(() => {
  scratch = document.createElement('div');
  document.body.appendChild(scratch);
  fx = createClientFixture({ classes: ['a', 'b'], imageCount: 50 });
});
afterEach(() => {
  render(null, scratch);
  scratch.remove();
  fx.app.dispose();
});

describe('History tab', () => {
  it('shows per-annotator statistics, the rate plot, the dwell histogram and the table as of a moment', () => {
    const t0 = fx.clock.now;
    const bob = fx.remote('bob');
    for (let i = 0; i < 10; i++) {
      fx.clock.now = t0 + i * 30_000;
      fx.labels.edit([{ row: i, field: classField(0), value: 1, dwell: 1500 }]);
      bob.append([{ row: 20 + i, field: classField(1), value: 0, dwell: 400 }]);
    }
    const history = createHistoryModel(fx.labels);
    act(() => render(<HistoryTab history={history} version={signal(1)} downloadUrl={(f, asOf) => `/dl/${f}${asOf ? `?asOf=${asOf}` : ''}`} />, scratch));
    const row = (name: string) => [...scratch.querySelectorAll(`[data-annotator="${name}"] td`)].map((td) => td.textContent);
    expect(row('alice')[0]).toBe('10');
    expect(row('alice')[2]).toBe('1.5 s');
    expect(row('bob')[2]).toBe('400 ms');
    expect(row('total')[0]).toBe('20');
    expect(scratch.querySelectorAll('[data-testid="line-plot"] [data-series]')).toHaveLength(2);
    expect([...scratch.querySelectorAll('[data-testid="bar-chart"] rect')].map((r) => r.querySelector('title')?.textContent)).toContain('1 s–2 s: 10');

    const slider = scratch.querySelector<HTMLInputElement>('[data-testid="as-of-slider"]');
    act(() => {
      if (!slider) throw new Error('no slider');
      slider.value = String(t0 + 4 * 30_000);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(scratch.querySelector('[data-testid="as-of-summary"]')?.textContent).toContain('10 events');
    const asOfTable = scratch.querySelector('[data-testid="as-of"] [data-testid="counts-table"]');
    expect(asOfTable?.querySelector('[data-class="a"] [data-cell="training-pos"]')?.textContent).toBe('5');
    expect(asOfTable?.querySelector('[data-class="b"] [data-cell="training-neg"]')?.textContent).toBe('5');
    expect(scratch.querySelector('[data-testid="download-labels"]')?.getAttribute('href')).toBe(`/dl/labels.csv?asOf=${t0 + 120_000}`);
    expect(scratch.querySelector('[data-testid="download-events"]')?.getAttribute('href')).toBe('/dl/events.csv');
  });

  it('bins dwell times and picks a bucket width for the rate plot', () => {
    const e = (dwell: number) => ({ row: 0, field: 2, value: 1 as const, ts: 0, by: 'a', dwell });
    const bins = dwellHistogram([e(0), e(100), e(600), e(1000), e(70_000)]);
    expect(bins.map((b) => b.count)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 1]);
    expect(bucketFor(5 * 60_000)).toBe(10_000);
    expect(bucketFor(8 * 3_600_000)).toBe(1_800_000);
  });
});

describe('model-document tabs', () => {
  it('list jobs and outputs from the model document and write a job request', () => {
    const props = {
      title: 'Train',
      intro: 'training',
      model: fx.model,
      jobKinds: ['train', 'badge'] as const,
      outputKinds: ['predictions'] as const,
      actions: [{ kind: 'train' as const, label: 'Request training', settings: { epochs: 3 } }],
      canRequest: true,
      requestedBy: 'alice',
      now: () => 42,
    };
    act(() => render(<ModelDocTab {...props} jobKinds={[...props.jobKinds]} outputKinds={[...props.outputKinds]} />, scratch));
    expect(scratch.textContent).toContain('No train / badge jobs yet');
    expect(scratch.textContent).toContain('Nothing published yet');
    act(() => {
      [...scratch.querySelectorAll('button')].find((b) => b.textContent === 'Request training')?.click();
    });
    const job = fx.modelDoc.getMap('jobs').get('job-1') as Y.Map<unknown>;
    expect(job.toJSON()).toEqual({ kind: 'train', settings: { epochs: 3 }, requestedBy: 'alice', requestedAt: 42, status: 'requested' });
    expect(scratch.querySelector('[data-job="job-1"]')?.textContent).toContain('waiting for a trainer');
    act(() => {
      job.set('status', 'running');
      job.set('claimant', 'trainer-1');
      job.set('progress', { step: 30, total: 120, loss: 0.25 });
      fx.modelDoc.getMap('latest').set('predictions', { sha256: 'a'.repeat(64), shape: [50, 2], dtype: 'float32', bytes: 400, runId: 'r', labelVersion: 7, createdAt: 0 });
    });
    expect(scratch.querySelector('[data-job="job-1"]')?.textContent).toContain('25%');
    expect(scratch.querySelector('[data-job="job-1"]')?.textContent).toContain('trainer-1');
    expect(scratch.textContent).toContain('50 × 2');
    expect(scratch.textContent).toContain('labels v7');
  });

  it('draws a training run: loss curve, per-class metrics and outputs-by-class histograms', () => {
    const hist = (className: string) => ({
      className,
      edges: Array.from({ length: 15 }, (_, i) => i / 14),
      series: { trainPos: new Array(14).fill(0.5), trainNeg: new Array(14).fill(1), valPos: new Array(14).fill(0.2), valNeg: new Array(14).fill(0.1), unlabelled: new Array(14).fill(0.7) },
      counts: { trainPos: 5, trainNeg: 9, valPos: 1, valNeg: 2, unlabelled: 30 },
      train: { auc: 0.91, accuracy: 0.8 },
      val: { auc: 0.75, accuracy: 0.5 },
    });
    const record = {
      runId: 'run-123456789',
      status: 'done',
      startedAt: 0,
      finishedAt: 1_000,
      labelVersion: 12,
      classes: ['a', 'b'],
      featureShape: [4],
      rowCount: 50,
      config: {},
      trainer: { name: 'gpu-box', machine: 'm', backend: 'wasm', tfjsVersion: '4.22.0' },
      params: { fineTuning: 10, output: 6, total: 16 },
      counts: { training: 14, validation: 3 },
      steps: 3,
      samplesPerSecond: 1234,
      loss: { supervised: [0.9, 0.6, 0.4], semisupervised: [0, 0, 0], validation: [0.5], validationStep: [3] },
      metrics: [
        { className: 'a', train: { auc: 0.91, accuracy: 0.8 }, val: { auc: 0.75, accuracy: 0.5 } },
        { className: 'b', train: { auc: 0.6, accuracy: 0.7 }, val: { auc: 0.55, accuracy: 0.6 } },
      ],
      histograms: [hist('a'), hist('b')],
      outputs: {},
    };
    act(() => {
      fx.modelDoc.getMap('runs').set('run-123456789', record);
    });
    act(() => render(<ModelDocTab title="Train" intro="" model={fx.model} jobKinds={['train']} outputKinds={[]} actions={[]} canRequest={true} requestedBy="a" now={() => 0} />, scratch));
    const run = scratch.querySelector('[data-run="run-123456789"]');
    expect(run?.textContent).toContain('gpu-box (wasm)');
    expect(run?.textContent).toContain('0.910');
    expect(run?.querySelectorAll('[data-series]')).toHaveLength(2);
    expect(run?.querySelectorAll('figure.hist')).toHaveLength(2);
    expect(run?.querySelector('figcaption')?.textContent).toContain('AUC 0.910');
  });

  it('a viewer sees the request buttons disabled', () => {
    act(() =>
      render(
        <ModelDocTab title="Model" intro="" model={fx.model} jobKinds={['build']} outputKinds={['model']} actions={[{ kind: 'build', label: 'Build', settings: {} }]} canRequest={false} requestedBy="v" now={() => 0} />,
        scratch,
      ),
    );
    expect(scratch.querySelector<HTMLButtonElement>('.actions button')?.disabled).toBe(true);
  });
});
