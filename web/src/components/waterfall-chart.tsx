import type { WaterfallStep } from '../api.ts';

const WIDTH = 680;
const LABEL_WIDTH = 250;
const VALUE_WIDTH = 64;
const ROW = 20;
const TOP = 6;
const AXIS = 40;
const COLOURS = { gain: '#2f855a', loss: '#c53030', prior: '#718096', total: '#2b5d8c', grid: '#cbd2d9' };

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;

function stepLabel(step: WaterfallStep): string {
  if (step.kind === 'prior') return 'prior (share of pairs that match)';
  const field = (step.field ?? step.step).replaceAll('_', ' ');
  if (step.kind === 'termFrequency') return `${field}: how common the value is`;
  return step.level ? `${field}: ${step.level}` : field;
}

function stepTitle(step: WaterfallStep): string {
  const parts = [`${stepLabel(step)}: ${signed(step.weight)} bits, running total ${signed(step.cumulative)}`];
  if (step.m !== null && step.u !== null)
    parts.push(
      `m = ${step.m.toPrecision(3)} (agreement among matches), u = ${step.u.toPrecision(3)} (among non-matches)`,
    );
  if (step.left !== null || step.right !== null)
    parts.push(`values: ${step.left ?? '—'} | ${step.right ?? '—'}`);
  return parts.join('\n');
}

/** Round tick positions across [low, high] in whole bits. */
function ticks(low: number, high: number): number[] {
  const span = high - low;
  const step = span > 40 ? 10 : span > 16 ? 5 : span > 8 ? 2 : 1;
  const values: number[] = [];
  for (let value = Math.ceil(low / step) * step; value <= high; value += step) values.push(value);
  return values;
}

/**
 * The explanation of a pair's match weight as a waterfall, drawn as SVG like the app's map: one bar
 * per step from the running total before it to the total after it (log2 Bayes factors, "bits":
 * green raises the weight, red lowers it), then the total weight, whose probability is
 * 2^w / (1 + 2^w). A weight of 0 is probability 0.5.
 */
export function WaterfallChart({ steps, weight }: { steps: WaterfallStep[]; weight: number }) {
  const shown = steps.filter((step) => step.kind === 'prior' || step.weight !== 0);
  const hidden = steps.length - shown.length;
  const extremes = [0, weight, ...shown.flatMap((step) => [step.cumulative, step.cumulative - step.weight])];
  const low = Math.floor(Math.min(...extremes));
  const high = Math.ceil(Math.max(...extremes));
  const x = (value: number) =>
    LABEL_WIDTH + ((value - low) / (high - low || 1)) * (WIDTH - LABEL_WIDTH - VALUE_WIDTH);
  const rows = shown.length + 1;
  const height = TOP + rows * ROW + AXIS;
  const bar = (from: number, to: number) => ({
    x: Math.min(x(from), x(to)),
    width: Math.max(1, Math.abs(x(to) - x(from))),
  });
  return (
    <figure class="waterfall">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Match weight explained: ${shown.map((step) => `${stepLabel(step)} ${signed(step.weight)}`).join(', ')}; total ${signed(weight)} bits`}
      >
        {ticks(low, high).map((tick) => (
          <g key={tick}>
            <line
              x1={x(tick)}
              x2={x(tick)}
              y1={TOP}
              y2={TOP + rows * ROW}
              stroke={tick === 0 ? '#4a5568' : COLOURS.grid}
              stroke-dasharray={tick === 0 ? undefined : '2 3'}
            />
            <text x={x(tick)} y={TOP + rows * ROW + 14} text-anchor="middle" class="tick">
              {tick}
            </text>
          </g>
        ))}
        {shown.map((step, index) => {
          const y = TOP + index * ROW;
          const { x: left, width } = bar(step.cumulative - step.weight, step.cumulative);
          const colour =
            step.kind === 'prior' ? COLOURS.prior : step.weight >= 0 ? COLOURS.gain : COLOURS.loss;
          return (
            <g key={step.step} class="step">
              <title>{stepTitle(step)}</title>
              <text x={LABEL_WIDTH - 8} y={y + ROW * 0.68} text-anchor="end" class="label">
                {stepLabel(step)}
              </text>
              <rect x={left} y={y + 3} width={width} height={ROW - 6} fill={colour} />
              <text x={WIDTH - 4} y={y + ROW * 0.68} text-anchor="end" class="value">
                {signed(step.weight)}
              </text>
            </g>
          );
        })}
        <g class="step total">
          <text x={LABEL_WIDTH - 8} y={TOP + shown.length * ROW + ROW * 0.68} text-anchor="end" class="label">
            match weight
          </text>
          <rect {...bar(0, weight)} y={TOP + shown.length * ROW + 3} height={ROW - 6} fill={COLOURS.total} />
          <text x={WIDTH - 4} y={TOP + shown.length * ROW + ROW * 0.68} text-anchor="end" class="value">
            {signed(weight)}
          </text>
        </g>
        <text x={LABEL_WIDTH} y={height - 8} class="tick">
          log2 weight (bits); 0 = probability 0.5
        </text>
      </svg>
      {hidden > 0 && (
        <figcaption>
          {hidden} field{hidden === 1 ? '' : 's'} missing in one record or both (weight 0) not drawn.
        </figcaption>
      )}
    </figure>
  );
}
