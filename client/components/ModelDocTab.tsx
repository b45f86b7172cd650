// The Model, Train and Label Propagation tabs: what the model document holds for their job kinds
// (requests, claims, progress, failures), the finished runs with their metrics and loss curves,
// and the newest published outputs. A request button writes a job that any connected trainer claims.
import type { ComponentChildren } from 'preact';
import type { ModelBridge, JobView, RunView } from '../bridge/model-bridge.ts';
import type { JobKind, OutputKind } from '../../shared/schema/model-doc.ts';
import { LinePlot } from './Charts.tsx';
import { formatTime } from './format.ts';
import { RunView as RunRecordView, isRunRecord } from './RunView.tsx';

/** A job this tab can request. */
export interface JobAction {
  readonly kind: JobKind;
  readonly label: string;
  readonly settings: Record<string, unknown>;
}

/** Props of ModelDocTab. */
export interface ModelDocTabProps {
  title: string;
  intro: string;
  model: ModelBridge;
  jobKinds: readonly JobKind[];
  outputKinds: readonly OutputKind[];
  actions: readonly JobAction[];
  canRequest: boolean;
  requestedBy: string;
  now(): number;
  /** Runs not to list (drawn elsewhere on the tab, e.g. the newest run next to the training form). */
  excludeRunIds?: readonly string[];
  /** Extra controls shown under the introduction (BADGE, graph and propagation settings). */
  children?: ComponentChildren;
}


function JobRow({ job, onCancel }: { job: JobView; onCancel?: () => void }) {
  const p = job.progress;
  const pct = p && p.total > 0 ? Math.round((100 * p.step) / p.total) : null;
  return (
    <tr data-job={job.id} data-status={job.status}>
      <td>{job.kind}</td>
      <td>
        <span class={`status status-${job.status}`}>{job.status === 'requested' && !job.claimant ? 'waiting for a trainer' : job.status}</span>
      </td>
      <td>{job.requestedBy}</td>
      <td>{formatTime(job.requestedAt)}</td>
      <td>{job.claimant ?? '—'}</td>
      <td>
        {pct !== null ? (
          <span class="progress" title={p?.message ?? ''}>
            <span style={{ width: `${pct}%` }} />
            <em>
              {pct}%{p?.loss !== undefined ? ` · loss ${p.loss.toFixed(4)}` : ''}
            </em>
          </span>
        ) : (
          (job.error ?? '')
        )}
      </td>
      <td>{onCancel && !job.cancel && (job.status === 'requested' || job.status === 'claimed' || job.status === 'running') ? <button type="button" onClick={onCancel}>cancel</button> : null}</td>
    </tr>
  );
}

function lossSeries(run: RunView) {
  const out = [];
  for (const [key, color] of [['trainingLoss', '#1971c2'], ['validationLoss', '#d9480f'], ['loss', '#1971c2']] as const) {
    const values = run.record[key];
    if (Array.isArray(values) && values.every((v) => typeof v === 'number')) out.push({ name: key, color, points: (values as number[]).map((y, x) => ({ x, y })) });
  }
  return out;
}

function RunCard({ run }: { run: RunView }) {
  if (isRunRecord(run.record)) return <RunRecordView id={run.id} run={run.record} />;
  const scalars = Object.entries(run.record).filter(([, v]) => typeof v === 'number' || typeof v === 'string');
  const series = lossSeries(run);
  return (
    <article class="run" data-run={run.id}>
      <h3>run {run.id.slice(0, 8)}</h3>
      <dl>
        {scalars.slice(0, 12).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{k.endsWith('At') ? formatTime(v) : typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(4)) : String(v)}</dd>
          </div>
        ))}
      </dl>
      {series.length > 0 && <LinePlot series={series} yLabel="loss" formatX={(x) => String(Math.round(x))} height={160} />}
    </article>
  );
}

/** One model-document tab. */
export function ModelDocTab(props: ModelDocTabProps) {
  const { model } = props;
  const jobs = model.jobs.value.filter((j) => props.jobKinds.includes(j.kind));
  const runIds = new Set(jobs.map((j) => j.runId).filter((id): id is string => typeof id === 'string'));
  const showsTraining = props.jobKinds.includes('train');
  const runs = model.runs.value.filter(
    (r) => !props.excludeRunIds?.includes(r.id) && (runIds.has(r.id) || props.jobKinds.includes(r.record['kind'] as JobKind) || (showsTraining && isRunRecord(r.record))),
  );
  const latest = model.latest.value;
  const outputs = props.outputKinds.map((k) => [k, latest[k]] as const).filter(([, v]) => v !== undefined);
  return (
    <div class="model-tab" data-testid={`tab-${props.title.toLowerCase().replace(/\s+/g, '-')}`}>
      <section class="panel">
        <h2>{props.title}</h2>
        <p class="muted">{props.intro}</p>
        {props.actions.length > 0 && (
          <div class="actions">
            {props.actions.map((a) => (
              <button
                type="button"
                key={a.kind}
                disabled={!props.canRequest}
                title={props.canRequest ? 'Writes a job request; a connected trainer claims it.' : 'View-only links cannot request jobs.'}
                onClick={() => model.requestJob(a.kind, a.settings, props.requestedBy, props.now())}
              >
                {a.label}
              </button>
            ))}
          </div>
        )}
      </section>
      {props.children}
      <section class="panel">
        <h2>Jobs</h2>
        {jobs.length === 0 ? (
          <p class="muted">No {props.jobKinds.join(' / ')} jobs yet.</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th>kind</th>
                <th>status</th>
                <th>requested by</th>
                <th>requested</th>
                <th>trainer</th>
                <th>progress</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <JobRow key={j.id} job={j} onCancel={props.canRequest ? () => model.cancelJob(j.id) : undefined} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="panel">
        <h2>Published outputs</h2>
        {outputs.length === 0 ? (
          <p class="muted">Nothing published yet. Outputs appear here when a trainer finishes a job.</p>
        ) : (
          <table class="data">
            <tbody>
              {outputs.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{v?.shape.join(' × ')}</td>
                  <td>{v?.dtype}</td>
                  <td>{v ? `${(v.bytes / 1e6).toFixed(2)} MB` : ''}</td>
                  <td>labels v{v?.labelVersion}</td>
                  <td>{formatTime(v?.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {runs.length > 0 && (
        <section class="panel">
          <h2>{props.excludeRunIds?.length ? 'Earlier runs' : 'Runs'}</h2>
          <div class="runs">
            {runs.slice(0, 6).map((r) => (
              <RunCard key={r.id} run={r} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
