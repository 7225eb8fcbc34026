import { useEffect, useState } from 'preact/hooks';
import {
  type DecisionResult,
  decidePair,
  type ExplainedPair,
  fetchCandidates,
  type PairDecision,
} from '../api.ts';
import { PairComparison } from '../components/pair-comparison.tsx';
import { WaterfallChart } from '../components/waterfall-chart.tsx';
import { hrefOf } from '../route.ts';

/** The pairs shown: undecided, scored in [lower, upper], at most `limit` at a time. */
const REVIEW_WINDOW = { lower: 0.2, upper: 0.8, limit: 20 };
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

interface Decided {
  decision: PairDecision;
  result: DecisionResult;
}

const pairKey = (pair: ExplainedPair) => `${pair.left.id}-${pair.right.id}`;

/** Deciding needs both records seen in full (the server refuses otherwise). */
const decidable = (pair: ExplainedPair) => pair.left.level === 'full' && pair.right.level === 'full';

function PairReview({
  pair,
  onDecided,
}: {
  pair: ExplainedPair;
  onDecided: (decision: PairDecision, result: DecisionResult) => void;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const decide = async (decision: PairDecision) => {
    setBusy(true);
    setFailure(undefined);
    try {
      onDecided(decision, await decidePair(pair.left.id, pair.right.id, decision, note));
    } catch (error) {
      setFailure((error as Error).message);
      setBusy(false);
    }
  };
  const title = `Records ${pair.left.id} and ${pair.right.id}`;
  return (
    <article class="pair" aria-label={title}>
      <header>
        <h2>{title}</h2>
        <p class="probability">
          match probability <strong>{percent.format(pair.probability)}</strong> · weight{' '}
          {pair.weight.toFixed(2)} bits
        </p>
      </header>
      <div class="pair-body">
        <PairComparison left={pair.left} right={pair.right} />
        <WaterfallChart steps={pair.steps} weight={pair.weight} />
      </div>
      {decidable(pair) ? (
        <div class="decide">
          <label>
            Note (optional)
            <input
              type="text"
              maxLength={2000}
              value={note}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          </label>
          <button type="button" disabled={busy} onClick={() => void decide('confirm')}>
            Confirm: same person
          </button>
          <button type="button" class="reject" disabled={busy} onClick={() => void decide('reject')}>
            Reject: different people
          </button>
        </div>
      ) : (
        <p class="hint">
          Deciding needs both records in full; your organisation sees{' '}
          {[pair.left, pair.right]
            .filter((record) => record.level !== 'full')
            .map((record) => `${record.source} #${record.id}`)
            .join(' and ')}{' '}
          pseudonymised.
        </p>
      )}
      {failure && <p role="alert">{failure}</p>}
    </article>
  );
}

/**
 * Linkage review: the undecided pairs scored near the threshold, each with its two records side by
 * side and the waterfall of its match weight; a confirm merges the records' entities, a reject parts
 * them, and the next linkage run keeps both as labels.
 */
export function LinkageReviewPage() {
  const [pairs, setPairs] = useState<ExplainedPair[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [decided, setDecided] = useState<Decided[]>([]);
  const [decidableOnly, setDecidableOnly] = useState(false);
  const shown = pairs?.filter((pair) => !decidableOnly || decidable(pair));
  const load = () =>
    fetchCandidates(REVIEW_WINDOW)
      .then((page) => setPairs(page.items))
      .catch((error: Error) => setFailure(error.message));
  useEffect(() => {
    void load();
  }, []);
  const onDecided = (pair: ExplainedPair) => (decision: PairDecision, result: DecisionResult) => {
    setDecided((previous) => [{ decision, result }, ...previous]);
    setPairs((previous) => previous?.filter((candidate) => pairKey(candidate) !== pairKey(pair)));
    void load();
  };
  return (
    <>
      <h1>Linkage review</h1>
      <p class="lede">
        Undecided pairs of person records the model scored between {percent.format(REVIEW_WINDOW.lower)} and{' '}
        {percent.format(REVIEW_WINDOW.upper)}, near the threshold. Each bar is a field's contribution to the
        match weight in bits (log2 of m/u); they add up to the total.
      </p>
      {decided.length > 0 && (
        <section aria-labelledby="decided" class="decided">
          <h2 id="decided">Decided in this session</h2>
          <ul role="status">
            {decided.map((entry) => (
              <li key={entry.result.decision.id}>
                {entry.decision === 'confirm' ? 'Confirmed' : 'Rejected'} records {entry.result.decision.left}{' '}
                and {entry.result.decision.right}
                {entry.result.decision.note ? ` (“${entry.result.decision.note}”)` : ''}:{' '}
                {entry.result.entities.left === entry.result.entities.right ? (
                  <a href={hrefOf({ page: 'entity', id: entry.result.entities.left })}>
                    entity {entry.result.entities.left}
                  </a>
                ) : (
                  <>
                    <a href={hrefOf({ page: 'entity', id: entry.result.entities.left })}>
                      entity {entry.result.entities.left}
                    </a>{' '}
                    and{' '}
                    <a href={hrefOf({ page: 'entity', id: entry.result.entities.right })}>
                      entity {entry.result.entities.right}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {failure && <p role="alert">{failure}</p>}
      {!pairs && !failure && <p>Loading…</p>}
      {pairs && pairs.length === 0 && <p>No undecided pairs near the threshold.</p>}
      {pairs && pairs.length > 0 && (
        <p class="filter">
          <label>
            <input
              type="checkbox"
              checked={decidableOnly}
              onChange={(event) => setDecidableOnly(event.currentTarget.checked)}
            />{' '}
            Only pairs I may decide (both records seen in full)
          </label>{' '}
          <span class="muted">
            showing {shown?.length} of {pairs.length}
          </span>
        </p>
      )}
      {shown?.map((pair) => (
        <PairReview key={pairKey(pair)} pair={pair} onDecided={onDecided(pair)} />
      ))}
    </>
  );
}
