// Small hand-written SVG charts (a multi-series line plot and a bar chart): no plotting library,
// so they render the same in the browser and under jsdom.

/** One line of a LinePlot. */
export interface LineSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly { x: number; y: number }[];
}

/** Props of LinePlot. */
export interface LinePlotProps {
  series: readonly LineSeries[];
  width?: number;
  height?: number;
  yLabel: string;
  formatX(x: number): string;
}

const PAD = { left: 48, right: 12, top: 10, bottom: 28 };
/** Series with at most this many points also get a marker per point. */
const MAX_MARKERS = 60;

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const m = v / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** Lines over a shared x axis (time) with a y axis from zero. */
export function LinePlot({ series, width = 640, height = 220, yLabel, formatX }: LinePlotProps) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return <p class="muted">No events yet.</p>;
  const xs = all.map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs) === x0 ? x0 + 1 : Math.max(...xs);
  const yMax = niceMax(Math.max(...all.map((p) => p.y)));
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const sx = (x: number): number => PAD.left + ((x - x0) / (x1 - x0)) * w;
  const sy = (y: number): number => PAD.top + h - (y / yMax) * h;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={yLabel} data-testid="line-plot">
      {ticks.map((t) => (
        <g key={`y${t}`}>
          <line x1={PAD.left} x2={width - PAD.right} y1={sy(t * yMax)} y2={sy(t * yMax)} class="gridline" />
          <text x={PAD.left - 6} y={sy(t * yMax) + 4} text-anchor="end" class="tick">
            {Math.round(t * yMax)}
          </text>
        </g>
      ))}
      {[0, 0.5, 1].map((t) => (
        <text key={`x${t}`} x={sx(x0 + t * (x1 - x0))} y={height - 8} text-anchor={t === 0 ? 'start' : t === 1 ? 'end' : 'middle'} class="tick">
          {formatX(x0 + t * (x1 - x0))}
        </text>
      ))}
      <text x={12} y={PAD.top + h / 2} class="axis-label" transform={`rotate(-90 12 ${PAD.top + h / 2})`} text-anchor="middle">
        {yLabel}
      </text>
      {series.map((s) => (
        <g key={s.name} data-series={s.name}>
          <polyline fill="none" stroke={s.color} stroke-width={1.75} points={s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}>
            <title>{s.name}</title>
          </polyline>
          {s.points.length <= MAX_MARKERS &&
            s.points.map((p) => (
              <circle key={p.x} cx={sx(p.x)} cy={sy(p.y)} r={2.5} fill={s.color}>
                <title>{`${s.name}: ${Math.round(p.y)}`}</title>
              </circle>
            ))}
        </g>
      ))}
    </svg>
  );
}

/** Props of BarChart. */
export interface BarChartProps {
  bars: readonly { label: string; count: number }[];
  width?: number;
  height?: number;
  color?: string;
}

/** Vertical bars with their labels underneath. */
export function BarChart({ bars, width = 640, height = 180, color = '#1971c2' }: BarChartProps) {
  const max = niceMax(Math.max(0, ...bars.map((b) => b.count)));
  const w = width - PAD.left - PAD.right;
  const h = height - PAD.top - PAD.bottom;
  const step = w / Math.max(1, bars.length);
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="distribution" data-testid="bar-chart">
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={width - PAD.right} y1={PAD.top + h - t * h} y2={PAD.top + h - t * h} class="gridline" />
          <text x={PAD.left - 6} y={PAD.top + h - t * h + 4} text-anchor="end" class="tick">
            {Math.round(t * max)}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const bh = (b.count / max) * h;
        return (
          <g key={b.label}>
            <rect x={PAD.left + i * step + step * 0.12} y={PAD.top + h - bh} width={step * 0.76} height={bh} fill={color}>
              <title>{`${b.label}: ${b.count}`}</title>
            </rect>
            <text x={PAD.left + i * step + step / 2} y={height - 8} text-anchor="middle" class="tick">
              {b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
