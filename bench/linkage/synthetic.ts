/**
 * Linkage at scale on the synthetic world: its six victim lists (police, NGO shelter, hotline,
 * Thai returns, labour inspection, IOM cases), each in its own layout, linked across lists by the
 * real command and scored against the world's truth (the person behind every record).
 *
 * Step 1 (once per size, cached in --cache): generate the world in-process (`generateWorld` with a
 * sink that keeps only the list rows and truth/records) and pass every list row through its own
 * mapping file with the importer's functions (`extractField`, `parseValue`: date formats, code
 * lists, gazetteer provinces), as `siren import` would, writing one CSV per list in the person
 * fields of the integrated model plus the true `person_id`. Lists that split the name get
 * `full_name` from a mapping join of given and family name (the mapping files support `join`), so
 * every list has one comparable whole name.
 * Step 2: `node bin/siren.js link <six files> --fields ... --truth person_id --json`, timed; the
 * command reports wall and CPU seconds and its peak resident memory (worker threads included).
 *
 * Step 3: where the errors are, from the command's clusters (`--out`): the true cross-list pairs the
 * clusters miss and the false ones they make, by list pair and by the fields other than the name on
 * which the two records agree exactly ("name only" when none: a pair that only a name variant links).
 *
 * Run: npx tsx bench/linkage/synthetic.ts [--records 1000000] [--cache DIR] [--threads 2]
 * (people ≈ records / 0.2167: the baseline world puts about 0.217 list records per person.)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type FieldDefinition, fieldsOf } from '../../src/domain/fields.ts';
import { type ColumnSpec, extractField } from '../../src/ingest/mapping.ts';
import { parseValue } from '../../src/ingest/values.ts';
import { type Cell, generateWorld, worldLayout } from '../../src/synth/index.ts';

const root = resolve(import.meta.dirname, '../..');

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

/** List records per person in the baseline world (216,723 for 1,000,000 people, bench/RESULTS.md). */
const RECORDS_PER_PERSON = 0.216_723;
const FIELDS = [
  'full_name',
  'date_of_birth',
  'age',
  'phone',
  'document_number',
  'origin_village',
  'name_native',
] as const;
/** The fields compared (`--fields`); the name in native script is written to the files but compared only when asked. */
const COMPARED = flag('compare', FIELDS.filter((field) => field !== 'name_native').join(','));
/** The date each record was made (case lists: identified_on; hotline: received_at), written as `recorded_on`. */
const RECORDED_ON = ['identified_on', 'received_at'] as const;

function csvLine(values: readonly string[]): string {
  return `${values.map((value) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(',')}\n`;
}

interface ListFile {
  source: ReturnType<typeof worldLayout>['listSources'][number];
  columns: Record<string, ColumnSpec>;
  definitions: Map<string, FieldDefinition>;
  fd: number;
  path: string;
  pending: string[];
  buffered: number;
}

/** Writes the six mapped list files and returns their paths (cached by people and seed). */
function generateLists(people: number, seed: number, folder: string): { files: string[]; records: number } {
  const done = join(folder, 'done.json');
  if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8'));
  mkdirSync(folder, { recursive: true });
  const layout = worldLayout();
  const lists = new Map(
    layout.listSources.map((source) => {
      const columns = { ...source.mapping.columns } as Record<string, ColumnSpec>;
      if (
        !columns.full_name &&
        typeof columns.given_name === 'string' &&
        typeof columns.family_name === 'string'
      )
        columns.full_name = { join: [columns.given_name, columns.family_name], separator: ' ' };
      const definitions = new Map(fieldsOf(source.kind).map((field) => [field.name, field]));
      const path = join(folder, `${source.name}.csv`);
      const fd = openSync(path, 'w');
      writeSync(fd, csvLine([...FIELDS, 'recorded_on', 'person_id']));
      const list: ListFile = { source, columns, definitions, fd, path, pending: [], buffered: 0 };
      return [source.table.id, list];
    }),
  );
  let last: { fields: string[]; list: ListFile } | null = null;
  let records = 0;
  const flush = (list: ListFile) => {
    writeSync(list.fd, list.pending.join(''));
    list.pending = [];
    list.buffered = 0;
  };
  generateWorld(
    { seed, people, scenario: 'baseline', weeks: 156 },
    {
      row(tableId: string, cells: readonly Cell[]) {
        const list = lists.get(tableId);
        if (list) {
          const row: Record<string, string> = {};
          list.source.table.columns.forEach((column, index) => {
            const cell = cells[index];
            row[column] = cell === null ? '' : String(cell);
          });
          const fields = [...FIELDS, RECORDED_ON.find((name) => list.columns[name]) ?? ''].map((name) => {
            const spec = list.columns[name];
            const definition = list.definitions.get(name);
            if (!spec || !definition) return '';
            const extracted = extractField(spec, row, 0);
            const parsed = parseValue(definition, extracted.text, {
              format: extracted.format,
              codes: extracted.codes,
            });
            if (!parsed.ok || parsed.value === null) return '';
            return name === 'received_at' ? String(parsed.value).slice(0, 10) : String(parsed.value);
          });
          last = { fields, list };
          return;
        }
        if (tableId === 'truth:records' && last) {
          const { fields, list } = last;
          list.pending.push(csvLine([...fields, String(cells[2])]));
          records++;
          if (++list.buffered >= 4096) flush(list);
          last = null;
        }
      },
    },
  );
  for (const list of lists.values()) {
    flush(list);
    closeSync(list.fd);
  }
  const result = { files: [...lists.values()].map((list) => list.path), records };
  writeFileSync(done, JSON.stringify(result));
  return result;
}

const wanted = Number(flag('records', '100000'));
const seed = Number(flag('seed', '1'));
const threads = flag('threads', '2');
const people = Math.round(wanted / RECORDS_PER_PERSON);
/** The world's generator and this bench, by content: a cached world is used only if neither has changed since. */
const synthFolder = join(root, 'src', 'synth');
const generatorHash = createHash('sha256');
for (const name of readdirSync(synthFolder).sort())
  generatorHash.update(readFileSync(join(synthFolder, name)));
generatorHash.update(readFileSync(import.meta.filename));
const cache = resolve(
  flag('cache', join(tmpdir(), 'siren-linkage-synthetic')),
  `${people}-${seed}-${generatorHash.digest('hex').slice(0, 12)}`,
);
console.log(
  `machine: ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version} (shared with other work: see CPU seconds)`,
);
const generationStarted = performance.now();
const { files, records } = generateLists(people, seed, cache);
console.log(
  `world: seed ${seed}, ${people} people, ${records} list records in ${files.length} lists (${cache}; ${((performance.now() - generationStarted) / 1000).toFixed(1)} s to generate or load)`,
);
if (process.argv.includes('--generate-only')) process.exit(0);
const clustersPath = join(cache, 'clusters.csv');
const args = [
  'bin/siren.js',
  'link',
  ...files,
  '--out',
  clustersPath,
  '--fields',
  COMPARED,
  '--truth',
  'person_id',
  '--threads',
  threads,
  '--explain',
  '0',
  ...(process.argv.includes('--across-only') ? [] : ['--dedupe']),
  '--json',
];
const started = performance.now();
const run = spawnSync('node', ['--max-old-space-size=7168', ...args], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 1 << 28,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const wall = (performance.now() - started) / 1000;
if (run.status !== 0) {
  console.log(`link failed (${run.status})`);
  process.exit(1);
}
const report = JSON.parse(run.stdout);
console.log(`command: node ${args.map((arg) => (arg.includes('(') ? `'${arg}'` : arg)).join(' ')}`);
console.log(
  `blocking: ${report.blocking.map((rule: { rule: string; comparisons: number }) => `${rule.rule}=${rule.comparisons}`).join(', ')}`,
);
console.log(
  `comparisons ${report.comparisons}, prior ${report.model.priorMatchProbability.toExponential(3)}, links ${report.links}, entities ${report.entities}`,
);
const p = report.pairwise;
console.log(
  `pairwise (p >= ${report.threshold}): precision ${p.precision.toFixed(4)} recall ${p.recall.toFixed(4)} F1 ${p.f1.toFixed(4)} (TP ${p.truePositives}, FP ${p.falsePositives}, FN ${p.falseNegatives})`,
);
const c = report.cluster;
console.log(
  `clusters: pairwise F1 ${c.f1.toFixed(4)} (P ${c.precision.toFixed(4)}, R ${c.recall.toFixed(4)}), B-cubed F1 ${c.bCubed.f1.toFixed(4)} (P ${c.bCubed.precision.toFixed(4)}, R ${c.bCubed.recall.toFixed(4)})`,
);
console.log(
  `time: ${report.seconds.toFixed(1)} s in the command, CPU ${report.cpuSeconds.toFixed(1)} s (${report.threads} thread(s)), peak RSS ${report.peakMemoryMegabytes} MB; ${wall.toFixed(1)} s wall with start-up`,
);
if (report.phases) console.log(`phases (s): ${JSON.stringify(report.phases)}`);

/** Counts missed and false cross-list pairs of the clusters by list pair and by the fields that agree. */
function errorBreakdown(listFiles: readonly string[], clusters: string): void {
  const entityOf = new Map<string, string>();
  for (const row of parse(readFileSync(clusters, 'utf8'), { columns: true }) as Record<string, string>[])
    entityOf.set(`${basename(row.file)}:${row.row}`, row.entity);
  interface ListRecord {
    list: string;
    entity: string;
    values: Record<string, string>;
  }
  const byPerson = new Map<string, ListRecord[]>();
  const byEntity = new Map<string, ListRecord[]>();
  for (const file of listFiles) {
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    rows.forEach((values, index) => {
      const list = basename(file, '.csv');
      const entity = entityOf.get(`${basename(file)}:${index + 2}`) ?? `${list}:${index}`;
      const record = { list, entity, values };
      for (const [map, key] of [
        [byPerson, values.person_id],
        [byEntity, entity],
      ] as const) {
        const group = map.get(key);
        if (group) group.push(record);
        else map.set(key, [record]);
      }
    });
  }
  const agreeing = (a: ListRecord, b: ListRecord) =>
    FIELDS.filter(
      (field) => field !== 'full_name' && a.values[field] && a.values[field] === b.values[field],
    ).join('+') || 'name only';
  const count = (groups: Map<string, ListRecord[]>, isError: (a: ListRecord, b: ListRecord) => boolean) => {
    const byLists = new Map<string, number>();
    const byFields = new Map<string, number>();
    let total = 0;
    for (const group of groups.values())
      for (let i = 0; i < group.length; i++)
        for (let j = i + 1; j < group.length; j++) {
          const [a, b] = [group[i], group[j]];
          if (a.list === b.list || !isError(a, b)) continue;
          total++;
          const lists = [a.list, b.list].sort().join('~');
          byLists.set(lists, (byLists.get(lists) ?? 0) + 1);
          byFields.set(agreeing(a, b), (byFields.get(agreeing(a, b)) ?? 0) + 1);
        }
    const top = (map: Map<string, number>) =>
      [...map]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 8)
        .map(([key, n]) => `${key} ${n}`)
        .join(', ');
    return `${total}; by lists: ${top(byLists)}; by agreeing fields: ${top(byFields)}`;
  };
  console.log(`missed true pairs: ${count(byPerson, (a, b) => a.entity !== b.entity)}`);
  console.log(`false pairs: ${count(byEntity, (a, b) => a.values.person_id !== b.values.person_id)}`);
}

errorBreakdown(files, clustersPath);
