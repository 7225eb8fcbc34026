import { useEffect, useState } from 'preact/hooks';
import { fetchOverview, type Overview } from '../api.ts';
import { ProvinceMap } from '../components/province-map.tsx';

const KIND_LABELS: Record<string, string> = {
  case_management: 'Case management',
  hotline: 'Hotline',
  interview: 'Interviews',
  official_statistics: 'Official statistics',
  border_event: 'Border events',
  financial: 'Financial',
  online_post: 'Online posts',
};

const number = new Intl.NumberFormat('en');

/** A count, or "< threshold" where the server suppressed a small count. */
function shownCount(count: number | null, threshold: number): string {
  return count === null ? `< ${threshold}` : number.format(count);
}

/** The first page: what is loaded (sources, records by kind, import history) and a map by province. */
export function OverviewPage() {
  const [overview, setOverview] = useState<Overview | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => {
    fetchOverview()
      .then(setOverview)
      .catch((error: Error) => setFailure(error.message));
  }, []);
  return (
    <>
      <h1>Overview</h1>
      {failure && <p role="alert">{failure}</p>}
      {!overview && !failure && <p>Loading…</p>}
      {overview && (
        <div class="grid">
          <section aria-labelledby="kinds">
            <h2 id="kinds">Records by kind of source</h2>
            <table>
              <tbody>
                {Object.entries(overview.recordsByKind).map(([kind, count]) => (
                  <tr key={kind}>
                    <th scope="row">{KIND_LABELS[kind] ?? kind}</th>
                    <td class="number">{shownCount(count, overview.suppressionThreshold)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2 id="sources">Sources</h2>
            <table aria-labelledby="sources">
              <thead>
                <tr>
                  <th>Source</th>
                  <th>Kind</th>
                  <th>Organisation</th>
                  <th class="number">Records</th>
                </tr>
              </thead>
              <tbody>
                {overview.sources.map((source) => (
                  <tr key={source.name}>
                    <td>{source.name}</td>
                    <td>{KIND_LABELS[source.kind] ?? source.kind}</td>
                    <td>{source.organisation}</td>
                    <td class="number">{shownCount(source.records, overview.suppressionThreshold)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="map">
            <h2 id="map">Records by province</h2>
            <ProvinceMap counts={overview.recordsByPlace} />
          </section>
          <section class="wide" aria-labelledby="imports">
            <h2 id="imports">Import history</h2>
            <table>
              <thead>
                <tr>
                  <th>Batch</th>
                  <th>File</th>
                  <th>Source</th>
                  <th class="number">Rows</th>
                  <th class="number">Places to review</th>
                  <th>Finished</th>
                </tr>
              </thead>
              <tbody>
                {overview.imports.map((batch) => (
                  <tr key={batch.id}>
                    <td>{batch.id}</td>
                    <td>{batch.fileName}</td>
                    <td>{batch.source}</td>
                    <td class="number">{number.format(batch.rowCount)}</td>
                    <td class="number">{batch.unresolvedPlaces}</td>
                    <td>{batch.finishedAt.slice(0, 16).replace('T', ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </>
  );
}
