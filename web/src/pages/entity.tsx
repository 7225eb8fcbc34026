import { useEffect, useState } from 'preact/hooks';
import {
  type EntityHistoryEntry,
  type EntityView,
  fetchEntity,
  type RecordView,
  undoHistory,
} from '../api.ts';
import { PairComparison, shownValue } from '../components/pair-comparison.tsx';
import { WaterfallChart } from '../components/waterfall-chart.tsx';
import { hrefOf } from '../route.ts';

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

/** A member's name where the caller sees it in full, its pseudonym otherwise. */
function nameOf(record: RecordView): string {
  const personal = record.personal ?? {};
  const name =
    personal.full_name ?? [personal.given_name, personal.family_name].filter((part) => part).join(' ');
  return record.level === 'full' && name ? String(name) : record.pseudonym;
}

function mayUndo(entry: EntityHistoryEntry): boolean {
  return entry.undoneBy === null && entry.action !== 'undo';
}

/** A person entity: the members the caller may see, its same_as links explained, and its history with undo. */
export function EntityPage({ id }: { id: number }) {
  const [entity, setEntity] = useState<EntityView | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const load = () =>
    fetchEntity(id)
      .then((loaded) => {
        setEntity(loaded);
        setFailure(undefined);
      })
      .catch((error: Error) => setFailure(error.message));
  useEffect(() => {
    setEntity(undefined);
    setMessage(undefined);
    void load();
  }, [id]);
  const undo = async (entry: EntityHistoryEntry) => {
    setMessage(undefined);
    try {
      const result = await undoHistory(entry.id);
      setMessage(
        `Undid change ${result.undone} (${entry.action}); entities changed: ${result.entities.join(', ')}.`,
      );
      await load();
    } catch (error) {
      setFailure((error as Error).message);
    }
  };
  return (
    <>
      <p class="crumbs">
        <a href={hrefOf({ page: 'linkage' })}>Linkage review</a> › entity {id}
      </p>
      <h1>Entity {id}</h1>
      {message && <p role="status">{message}</p>}
      {failure && <p role="alert">{failure}</p>}
      {!entity && !failure && <p>Loading…</p>}
      {entity && (
        <>
          <p class="lede">
            {entity.kind} · {entity.status}
            {entity.mergedInto !== null && (
              <>
                {' '}
                into{' '}
                <a href={hrefOf({ page: 'entity', id: entity.mergedInto })}>entity {entity.mergedInto}</a>
              </>
            )}{' '}
            · created {entity.createdAt.slice(0, 16).replace('T', ' ')}
            {entity.hiddenMembers > 0 && ` · ${entity.hiddenMembers} member(s) you may not see`}
          </p>
          <section aria-labelledby="members">
            <h2 id="members">Members ({entity.members.length})</h2>
            <table>
              <thead>
                <tr>
                  <th>Record</th>
                  <th>Source</th>
                  <th>Name or pseudonym</th>
                  <th>Sex</th>
                  <th>Nationality</th>
                  <th>Date</th>
                  <th>Place</th>
                </tr>
              </thead>
              <tbody>
                {entity.members.map((member) => (
                  <tr key={member.id}>
                    <td>{member.id}</td>
                    <td>{member.source}</td>
                    <td>{nameOf(member)}</td>
                    <td>{shownValue(member.fields.sex)}</td>
                    <td>{shownValue(member.fields.nationality)}</td>
                    <td>{shownValue(member.eventDate)}</td>
                    <td>{shownValue(member.placeCode)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="history">
            <h2 id="history">History</h2>
            <table class="history">
              <thead>
                <tr>
                  <th>Change</th>
                  <th>Action</th>
                  <th>Records</th>
                  <th>Reason</th>
                  <th>By</th>
                  <th>When</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {entity.history.map((entry) => (
                  <tr key={entry.id} class={entry.undoneBy === null ? '' : 'undone'}>
                    <td>{entry.id}</td>
                    <td>{entry.action}</td>
                    <td>{entry.details.records.join(', ')}</td>
                    <td>{entry.details.reason}</td>
                    <td>{entry.actor}</td>
                    <td>{entry.at.slice(0, 19).replace('T', ' ')}</td>
                    <td>
                      {entry.undoneBy !== null ? (
                        `undone by ${entry.undoneBy}`
                      ) : mayUndo(entry) ? (
                        <button type="button" class="small" onClick={() => void undo(entry)}>
                          Undo
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {entity.links.length > 0 && (
            <section aria-labelledby="links">
              <h2 id="links">Links between members ({entity.links.length})</h2>
              {entity.links.map((link) => (
                <details key={`${link.left.id}-${link.right.id}`} class="pair">
                  <summary>
                    Records {link.left.id} and {link.right.id}: {percent.format(link.probability)}
                  </summary>
                  <div class="pair-body">
                    <PairComparison left={link.left} right={link.right} />
                    <WaterfallChart steps={link.steps} weight={link.weight} />
                  </div>
                </details>
              ))}
            </section>
          )}
        </>
      )}
    </>
  );
}
