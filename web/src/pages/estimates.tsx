import { useEffect, useState } from 'preact/hooks';
import { type EstimateRunSummary, fetchEstimateRuns } from '../api.ts';
import { EstimateFigure } from '../components/estimate-figure.tsx';
import { hrefOf } from '../route.ts';

const METHOD_LABELS: Record<string, string> = {
  mse: 'Multiple systems estimation',
  rds: 'Respondent-driven sampling',
  nsum: 'Network scale-up',
  survey: 'Survey (design-based)',
};

export const methodLabel = (method: string) => METHOD_LABELS[method] ?? method;

/** The stored estimate runs of the caller's organisation, newest first. */
export function EstimatesPage({ organisation }: { organisation: string }) {
  const [runs, setRuns] = useState<EstimateRunSummary[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => {
    fetchEstimateRuns()
      .then((page) => setRuns(page.items))
      .catch((error: Error) => setFailure(error.message));
  }, []);
  return (
    <>
      <h1>Estimates</h1>
      <p class="lede">
        Stored runs of {organisation}: each keeps its sealed input, parameters, seed and code version, so it
        can be reproduced. Start runs with <code>siren estimate … --save</code> or the API.
      </p>
      {failure && <p role="alert">{failure}</p>}
      {!runs && !failure && <p>Loading…</p>}
      {runs && runs.length === 0 && <p>No stored estimate runs yet.</p>}
      {runs && runs.length > 0 && (
        <table aria-label="Estimate runs">
          <thead>
            <tr>
              <th>Run</th>
              <th>Method</th>
              <th>Date</th>
              <th>Estimate</th>
              <th>Input</th>
              <th>Organisation</th>
              <th>Code version</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td class="nowrap">
                  <a href={hrefOf({ page: 'estimate', id: run.id })}>Run {run.id}</a>
                </td>
                <td>{methodLabel(run.method)}</td>
                <td class="nowrap">{run.createdAt.slice(0, 16).replace('T', ' ')}</td>
                <td>
                  <EstimateFigure headline={run.headline} />
                </td>
                <td>{run.inputSource ?? '—'}</td>
                <td>{organisation}</td>
                <td>
                  <code>{run.codeVersion}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
