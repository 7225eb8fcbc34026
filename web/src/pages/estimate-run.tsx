import { useEffect, useState } from 'preact/hooks';
import { type EstimateRun, fetchEstimateRun, fetchJob, type Job, reproduceEstimateRun } from '../api.ts';
import { EstimateFigure } from '../components/estimate-figure.tsx';
import { hrefOf } from '../route.ts';
import { methodLabel } from './estimates.tsx';

const POLL_MILLISECONDS = 500;

/** Polls a job until it has succeeded or failed. */
async function finishedJob(id: number, onProgress: (job: Job) => void): Promise<Job> {
  for (;;) {
    const job = await fetchJob(id);
    onProgress(job);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_MILLISECONDS));
  }
}

function ReproductionOutcome({ job }: { job: Job }) {
  if (job.status === 'failed') return <p role="alert">The run could not be reproduced: {job.error}</p>;
  if (job.status !== 'succeeded' || !job.reproduction)
    return <p role="status">Reproducing… {Math.round(job.progress * 100)}%</p>;
  const { identical, differences, codeVersion, originalCodeVersion } = job.reproduction;
  return (
    <div role="status" class={identical ? 'outcome same' : 'outcome differs'}>
      <p>
        {identical
          ? 'Reproduced: the results are identical.'
          : `Reproduced: the results differ (${differences.length} difference${differences.length === 1 ? '' : 's'} shown).`}{' '}
        Code version now <code>{codeVersion}</code>, originally <code>{originalCodeVersion}</code>.
      </p>
      {!identical && (
        <ul>
          {differences.map((path) => (
            <li key={path}>
              <code>{path}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One stored estimate run: what went in, what came out, and reproducing it from its sealed input. */
export function EstimateRunPage({ id, organisation }: { id: number; organisation: string }) {
  const [run, setRun] = useState<EstimateRun | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [job, setJob] = useState<Job | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setRun(undefined);
    setJob(undefined);
    fetchEstimateRun(id)
      .then(setRun)
      .catch((error: Error) => setFailure(error.message));
  }, [id]);
  const reproduce = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const { jobId } = await reproduceEstimateRun(id);
      await finishedJob(jobId, setJob);
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p class="crumbs">
        <a href={hrefOf({ page: 'estimates' })}>Estimates</a> › run {id}
      </p>
      <h1>Estimate run {id}</h1>
      {failure && <p role="alert">{failure}</p>}
      {!run && !failure && <p>Loading…</p>}
      {run && (
        <>
          <p class="headline">
            <EstimateFigure headline={run.headline} />
          </p>
          <table class="facts" aria-label="Run">
            <tbody>
              {[
                ['Method', methodLabel(run.method)],
                ['Date', `${run.createdAt.slice(0, 19).replace('T', ' ')} by ${run.createdBy ?? 'unknown'}`],
                ['Organisation', organisation],
                ['Input', run.inputSource ?? '—'],
                ['Input hash (SHA-256)', run.inputHash],
                ['Seed', run.seed === null ? '—' : String(run.seed)],
                ['Code version', run.codeVersion],
              ].map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="actions">
            <button type="button" disabled={busy} onClick={() => void reproduce()}>
              Reproduce
            </button>
            <span class="muted">runs it again from its sealed input and compares the results</span>
          </div>
          {job && <ReproductionOutcome job={job} />}
          {run.warnings.length > 0 && (
            <section aria-labelledby="warnings">
              <h2 id="warnings">Warnings</h2>
              <ul>
                {run.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </section>
          )}
          <h2>Parameters</h2>
          <pre>{JSON.stringify(run.parameters, null, 2)}</pre>
          <details>
            <summary>All results</summary>
            <pre>{JSON.stringify(run.results, null, 2)}</pre>
          </details>
        </>
      )}
    </>
  );
}
