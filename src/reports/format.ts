/** Numbers of the data sheet as text: shares in percent with their interval, counts, money. */
import type { DatasheetEstimate, DatasheetFigure } from './datasheet-model.ts';

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** "23.0% (19.1–27.3)"; in brackets when unreliable; "withheld" when suppressed. */
export function formatEstimate(value: DatasheetEstimate, kind: DatasheetFigure['kind'] = 'share'): string {
  if (value.release === 'suppressed' || value.estimate === null) return 'withheld';
  const one = (number: number) =>
    kind === 'share'
      ? `${(100 * number).toFixed(1)}%`
      : kind === 'money'
        ? `$${whole.format(number)}`
        : whole.format(number);
  const interval =
    value.lower === null || value.upper === null
      ? ''
      : ` (95% CI ${kind === 'share' ? (100 * value.lower).toFixed(1) : one(value.lower)}–${one(value.upper)})`;
  const text = `${one(value.estimate)}${interval}`;
  return value.release === 'unreliable' ? `[${text}]` : text;
}

/** A count, or "< threshold" when suppressed. */
export function formatCount(value: number | null, threshold: number): string {
  return value === null ? `< ${threshold}` : whole.format(value);
}

export function formatMoney(value: number | null): string {
  return value === null ? '–' : `$${whole.format(value)}`;
}
