import type { RecordView } from '../api.ts';

const label = (name: string) => name.replaceAll('_', ' ');

export function shownValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function valuesOf(record: RecordView): Map<string, unknown> {
  return new Map<string, unknown>([
    ...Object.entries(record.personal ?? {}),
    ...Object.entries(record.fields),
    ['date', record.eventDate],
    ['place', record.placeCode],
  ]);
}

function heading(record: RecordView): string {
  return `${record.source} #${record.id}`;
}

/**
 * Two records side by side, field by field: personal fields only for a record the caller sees in
 * full (the server sends nothing more), its pseudonym otherwise. Equal values are marked.
 */
export function PairComparison({ left, right }: { left: RecordView; right: RecordView }) {
  const leftValues = valuesOf(left);
  const rightValues = valuesOf(right);
  const names = [...new Set([...leftValues.keys(), ...rightValues.keys()])];
  const personal = new Set([...Object.keys(left.personal ?? {}), ...Object.keys(right.personal ?? {})]);
  return (
    <table class="comparison">
      <thead>
        <tr>
          <th scope="col">field</th>
          <th scope="col">{heading(left)}</th>
          <th scope="col">{heading(right)}</th>
        </tr>
        <tr class="levels">
          <th scope="row">seen</th>
          {[left, right].map((record) => (
            <td key={record.id} class={`level-${record.level}`}>
              {record.level === 'full' ? 'in full' : `pseudonymised (${record.pseudonym})`}
            </td>
          ))}
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const a = shownValue(leftValues.get(name));
          const b = shownValue(rightValues.get(name));
          const same = a !== '—' && a.toLowerCase() === b.toLowerCase();
          return (
            <tr
              key={name}
              class={[personal.has(name) ? 'personal' : '', same ? 'same' : ''].join(' ').trim()}
            >
              <th scope="row">{label(name)}</th>
              <td>{a}</td>
              <td>{b}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
