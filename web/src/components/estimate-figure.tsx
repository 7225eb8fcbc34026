import type { EstimateHeadline } from '../api.ts';

const figure = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });

const bound = (value: number | null) => (value === null ? '…' : figure.format(value));

/** A run's headline: "population 1,520 (95% CI 1,200–2,100)". */
export function EstimateFigure({ headline }: { headline: EstimateHeadline | null }) {
  if (!headline) return <span class="muted">—</span>;
  const level = headline.level === null ? '' : `${Math.round(headline.level * 100)}% `;
  return (
    <span>
      {headline.label} <strong>{figure.format(headline.estimate)}</strong>{' '}
      <span class="muted">
        ({level}CI {bound(headline.lower)}–{bound(headline.upper)})
      </span>
    </span>
  );
}
