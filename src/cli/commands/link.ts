import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import YAML from 'yaml';
import { z } from 'zod';
import { createRandom } from '../../analytics/common/index.ts';
import {
  evaluateClusters,
  evaluatePairs,
  explainPair,
  inferLinkageConfig,
  type LinkConfig,
  type LinkType,
  type PlaceResolver,
  planLinkage,
  precisionRecallCurve,
  RECORDED_ON_FIELDS,
  romanisedPlaceKey,
  runLinkage,
  runLinkageWith,
} from '../../analytics/linkage/index.ts';
import { invalidInput, UserError } from '../../domain/errors.ts';
import { resolveProvince } from '../../domain/places/index.ts';
import { readTableFile, requireColumns, type Table } from '../../ingest/read-table.ts';
import { createComparePool } from '../linkage-workers/pool.ts';
import { printJson, printTable } from '../output.ts';
import { type DatabaseLinkFlags, linkDatabase, registerLinkDatabaseCommands } from './link-database.ts';

const LEVEL = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exact') }),
  z.object({ type: z.literal('swapped'), with: z.string() }),
  z.object({ type: z.literal('tokenSet') }),
  z.object({ type: z.literal('phonetic') }),
  z.object({ type: z.literal('joinedPhonetic') }),
  z.object({
    type: z.literal('jaroWinkler'),
    threshold: z.number().min(0).max(1),
    sorted: z.boolean().optional(),
  }),
  z.object({ type: z.literal('damerauLevenshtein'), maxDistance: z.number().int().min(0) }),
  z.object({ type: z.literal('tokenOverlap'), minimum: z.number().min(0).max(1) }),
  z.object({ type: z.literal('withinDays'), days: z.number().min(0) }),
  z.object({ type: z.literal('dayMonthSwapped') }),
  z.object({ type: z.literal('sameYear') }),
  z.object({ type: z.literal('withinYears'), years: z.number().min(0) }),
  z.object({ type: z.literal('birthConsistent') }),
  z.object({ type: z.literal('birthWithinYears'), years: z.number().min(0) }),
  z.object({
    type: z.literal('withinTolerance'),
    absolute: z.number().min(0).optional(),
    relative: z.number().min(0).optional(),
  }),
  z.object({ type: z.literal('nationalNumber') }),
  z.object({ type: z.literal('suffix'), length: z.number().int().min(1) }),
  z.object({ type: z.literal('samePlaceKey') }),
]);

/** The linkage configuration file (JSON or YAML). */
const CONFIG = z.object({
  linkType: z.enum(['dedupe', 'link', 'linkAndDedupe']).optional(),
  comparisons: z
    .array(
      z.object({
        field: z.string(),
        kind: z.enum([
          'name',
          'text',
          'code',
          'date',
          'number',
          'phone',
          'category',
          'email',
          'place',
          'age',
        ]),
        name: z.string().optional(),
        levels: z.array(LEVEL).optional(),
        termFrequency: z.boolean().optional(),
        within: z.string().optional(),
        recordedOn: z.string().optional(),
        birthDate: z.string().optional(),
      }),
    )
    .optional(),
  blocking: z.array(z.string()).optional(),
  trainingRules: z.array(z.string()).optional(),
  threshold: z.number().gt(0).lt(1).optional(),
  clustering: z.enum(['coherent', 'components']).optional(),
  coherence: z.number().min(0).max(1).optional(),
  oneRecordPerSource: z.boolean().optional(),
  maxBlockSize: z.number().int().min(2).optional(),
});
type ConfigFile = z.infer<typeof CONFIG>;

interface LinkFlags extends DatabaseLinkFlags {
  db?: boolean;
  config?: string;
  fields?: string;
  out?: string;
  truth?: string;
  truthPattern?: string;
  threshold?: string;
  dedupe?: boolean;
  clustering?: string;
  seed?: string;
  explain?: string;
  threads?: string;
  json?: boolean;
  quiet?: boolean;
}

async function readConfig(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'not_found',
    );
  }
  let parsed: unknown;
  try {
    parsed = ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? YAML.parse(text) : JSON.parse(text);
  } catch (error) {
    throw invalidInput(`${basename(path)} is not valid ${extname(path).slice(1).toUpperCase() || 'JSON'}`, [
      { file: basename(path), reason: (error as Error).message },
    ]);
  }
  const result = CONFIG.safeParse(parsed);
  if (!result.success)
    throw invalidInput(
      `${basename(path)} is not a linkage configuration`,
      result.error.issues.map((issue) => ({
        file: basename(path),
        column: issue.path.join('.'),
        reason: issue.message,
      })),
    );
  return result.data;
}

function probabilityFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!(parsed > 0 && parsed < 1))
    throw new UserError(`${flag} must be a probability between 0 and 1, got "${value}"`, 'invalid_input');
  return parsed;
}

function truthLabels(tables: Table[], column: string, pattern: string | undefined): string[] {
  let regex: RegExp | null = null;
  if (pattern !== undefined) {
    try {
      regex = new RegExp(pattern);
    } catch (error) {
      throw new UserError(
        `--truth-pattern is not a regular expression: ${(error as Error).message}`,
        'invalid_input',
      );
    }
  }
  const problems = [];
  const labels: string[] = [];
  for (const table of tables) {
    requireColumns(table, column);
    for (let index = 0; index < table.rows.length; index++) {
      const value = table.rows[index][column];
      const match = regex ? regex.exec(value) : null;
      const label = regex ? (match?.[1] ?? match?.[0]) : value;
      if (label === undefined || label === '') {
        problems.push({
          file: table.file,
          row: index + 2,
          column,
          value,
          reason: regex
            ? `does not match --truth-pattern ${pattern}`
            : 'is empty (expected the true entity id)',
        });
        labels.push('');
      } else labels.push(label);
    }
  }
  if (problems.length > 0) throw invalidInput('the truth column has unusable values', problems);
  return labels;
}

/**
 * Places through the gazetteer: a province (any spelling, script or code) to its code; a village to
 * `PROVINCE/key` with its romanised key ({@link romanisedPlaceKey}) under the province written on
 * the same record (`/key` when that province is missing or unknown).
 */
export const gazetteerPlaceResolver: PlaceResolver = (text, within) => {
  if (within === undefined) {
    const province = resolveProvince(text);
    return province.status === 'resolved' ? province.province.code : null;
  }
  const key = romanisedPlaceKey(text);
  if (key === '') return null;
  const province = within === null ? null : resolveProvince(within);
  return `${province?.status === 'resolved' ? province.province.code : ''}/${key}`;
};

/** The pairs at or above the threshold, in typed arrays. */
function linksAtThreshold(
  pairs: { left: Int32Array; right: Int32Array; count: number },
  probability: Float64Array,
  threshold: number,
): { left: Int32Array; right: Int32Array; count: number } {
  let count = 0;
  for (let p = 0; p < pairs.count; p++) if (probability[p] >= threshold) count++;
  const left = new Int32Array(count);
  const right = new Int32Array(count);
  let at = 0;
  for (let p = 0; p < pairs.count; p++)
    if (probability[p] >= threshold) {
      left[at] = pairs.left[p];
      right[at] = pairs.right[p];
      at++;
    }
  return { left, right, count };
}

/** The n pairs whose probability is nearest the threshold, nearest first (one pass, no sort of all pairs). */
function pairsNearThreshold(probability: Float64Array, threshold: number, n: number): number[] {
  const nearest: number[] = [];
  const distance = (p: number) => Math.abs(probability[p] - threshold);
  for (let p = 0; p < probability.length && n > 0; p++) {
    if (nearest.length === n && distance(p) >= distance(nearest[n - 1])) continue;
    let at = nearest.length === n ? n - 1 : nearest.length;
    nearest[at] = p;
    while (at > 0 && distance(nearest[at - 1]) > distance(p)) {
      nearest[at] = nearest[at - 1];
      nearest[--at] = p;
    }
  }
  return nearest;
}

/** Below this many planned comparisons, starting workers costs more than it saves. */
const PARALLEL_FROM = 200_000;

const HELP = `
Links person records within one file (deduplication) or across several files (each taken as free of
duplicates unless --dedupe), by unsupervised Fellegi–Sunter with EM.

Without --config, --fields (or every usable column) picks each field's comparison from its content
(names, dates, phones, codes, categories, text) and proposes blocking rules itself; the comparisons
each blocking rule costs are printed before the run. An age column is compared through the date its
record was made when the files have a column recorded_on, identified_on, received_at or
interviewed_on (kept as context, not compared): an age then meets a birth date, or an age recorded in
another year. --config (JSON or YAML) gives them explicitly:
  { "linkType": "link", "threshold": 0.5,
    "comparisons": [ { "field": "given_name", "kind": "name" }, { "field": "dob", "kind": "date" } ],
    "blocking": [ "dob", "phonetic(given_name) & year(dob)" ] }
--truth COLUMN (with --truth-pattern REGEX whose first group is the entity, e.g. '^rec-(\\d+)-')
reports pairwise precision, recall and F1, cluster (B-cubed) scores and a precision-recall curve.
--out writes file,row,entity (row counts the header as row 1) with each entity's size and coherence.

--db links the person records in the database instead of files (all person sources, or --source
NAME ...), incrementally when entities exist (a new batch joins them, ids never change; a re-run on
unchanged data changes nothing), using analysts' confirmed and rejected pairs as labels, and stores
entities, same_as links with their explanation, candidate pairs for review and the history of every
change; \`siren link undo HISTORY_ID\` undoes one change.`;

export function registerLinkCommands(program: Command): void {
  const link = program
    .command('link')
    .description('probabilistic record linkage: deduplicate one file or link several')
    .argument('[files...]', 'CSV/TSV/XLSX/JSON files of records (none with --db)')
    .option('--config <file>', 'JSON or YAML configuration (comparisons, blocking rules, threshold)')
    .option('--fields <list>', 'comma-separated columns to compare (kinds inferred from content)')
    .option('--out <file>', 'write clusters as CSV (file,row,entity,entity_size,entity_coherence)')
    .option('--truth <column>', 'column holding the true entity id: report precision, recall, F1')
    .option('--truth-pattern <regex>', 'take the entity id from the truth column by this regex (first group)')
    .option('--threshold <p>', 'match probability for a link (default 0.5)')
    .option('--dedupe', 'with several files, also link records within each file')
    .option('--clustering <method>', 'coherent (default, resists chaining) or components')
    .option('--seed <n>', 'seed of the random pairs used for u-probabilities', '6')
    .option('--explain <n>', 'include the waterfall of the n pairs nearest the threshold', '3')
    .option('--threads <n>', 'worker threads comparing pairs (default: the cores, up to 2; 1 = none)')
    .option('--json', 'print the report as JSON')
    .option('--quiet', 'no blocking cost on stderr')
    .option('--db', 'link the person records in the database and store the entities')
    .option('--source <names...>', 'with --db: only these sources')
    .addHelpText('after', HELP)
    .action(async (files: string[], flags: LinkFlags) => {
      if (flags.db) return linkDatabase(flags, flags.config ? await readConfig(flags.config) : undefined);
      if (files.length === 0)
        throw new UserError(
          'give the files to link, or --db to link the records in the database',
          'invalid_input',
        );
      const started = performance.now();
      const phases: Record<string, number> = {};
      let lapStarted = started;
      const lap = () => {
        const now = performance.now();
        const seconds = Math.round(now - lapStarted) / 1000;
        lapStarted = now;
        return seconds;
      };
      const tables = await Promise.all(files.map((file) => readTableFile(file)));
      phases.read = lap();
      for (const table of tables)
        if (table.rows.length === 0)
          throw invalidInput(`${table.file} has no records`, [{ file: table.file, reason: 'no rows' }]);
      const fileConfig = flags.config ? await readConfig(flags.config) : undefined;
      const linkType: LinkType =
        fileConfig?.linkType ?? (tables.length > 1 ? (flags.dedupe ? 'linkAndDedupe' : 'link') : 'dedupe');
      const requested = flags.fields
        ?.split(',')
        .map((field) => field.trim())
        .filter((field) => field.length > 0);
      const common = tables[0].columns.filter((column) =>
        tables.every((table) => table.columns.includes(column)),
      );
      const needed = requested ?? fileConfig?.comparisons?.map((spec) => spec.field) ?? [];
      const configured = (fileConfig?.comparisons ?? []).flatMap((spec) =>
        [spec.recordedOn, spec.birthDate].filter((field): field is string => field !== undefined),
      );
      for (const table of tables) requireColumns(table, ...needed, ...configured);
      const context = [...RECORDED_ON_FIELDS.filter((field) => common.includes(field)), ...configured];
      const used = [
        ...new Set([
          ...(requested ?? (fileConfig?.comparisons ? [...needed, ...common] : common)),
          ...context,
        ]),
      ];
      const rows = tables.flatMap((table) => table.rows);
      const columns: Record<string, string[]> = {};
      for (const column of used) columns[column] = rows.map((row) => row[column] ?? '');
      const sources = tables.flatMap((table, source) => table.rows.map(() => source));
      const records = { columns, sources };
      const seed = Number(flags.seed ?? 6);
      if (!Number.isSafeInteger(seed))
        throw new UserError(`--seed must be a whole number, got "${flags.seed}"`, 'invalid_input');
      const inferred =
        fileConfig?.comparisons && fileConfig.blocking
          ? null
          : inferLinkageConfig(records, {
              fields: requested ?? fileConfig?.comparisons?.map((spec) => spec.field),
              exclude: flags.truth ? [flags.truth] : [],
              linkType,
            });
      const config: LinkConfig = {
        comparisons: fileConfig?.comparisons ?? inferred!.comparisons,
        blocking: fileConfig?.blocking ?? inferred!.blocking,
        trainingRules: fileConfig?.trainingRules,
        linkType,
        threshold: probabilityFlag(flags.threshold, '--threshold') ?? fileConfig?.threshold ?? 0.5,
        clustering: (flags.clustering as LinkConfig['clustering']) ?? fileConfig?.clustering,
        coherence: fileConfig?.coherence,
        oneRecordPerSource: fileConfig?.oneRecordPerSource,
        maxBlockSize: fileConfig?.maxBlockSize,
      };
      if (
        config.clustering !== undefined &&
        config.clustering !== 'coherent' &&
        config.clustering !== 'components'
      )
        throw new UserError(
          `--clustering must be coherent or components, got "${config.clustering}"`,
          'invalid_input',
        );
      const truth = flags.truth ? truthLabels(tables, flags.truth, flags.truthPattern) : null;
      phases.infer = lap();
      const plan = planLinkage(records, config, {
        prepared: inferred?.prepared,
        places: gazetteerPlaceResolver,
      });
      phases.plan = lap();
      if (!flags.quiet && !flags.json) {
        process.stderr.write(`blocking (${linkType}), comparisons each rule generates:\n`);
        for (const count of plan.counts)
          process.stderr.write(
            `  ${count.rule.padEnd(40)} ${count.comparisons}${count.skippedBlocks > 0 ? ` (skipped ${count.skippedBlocks} blocks over the size limit)` : ''}\n`,
          );
      }
      const threads = Math.max(1, Math.floor(Number(flags.threads ?? Math.min(2, availableParallelism()))));
      const planned = plan.counts.reduce((sum, count) => sum + count.comparisons, 0);
      const result =
        threads > 1 && (flags.threads !== undefined || planned > PARALLEL_FROM)
          ? await (async () => {
              const pool = await createComparePool(plan.prepared, config.comparisons, threads);
              try {
                return await runLinkageWith(plan, (pairs) => pool.compare(pairs), {
                  random: createRandom(seed),
                });
              } finally {
                await pool.close();
              }
            })()
          : runLinkage(plan, { random: createRandom(seed) });
      phases.link = lap();
      const threshold = result.threshold;
      const links = linksAtThreshold(result.pairs, result.probability, threshold);
      const seconds = (performance.now() - started) / 1000;
      const fileOf = (record: number) => {
        let offset = record;
        for (const table of tables) {
          if (offset < table.rows.length) return { file: table.file, row: offset + 2 };
          offset -= table.rows.length;
        }
        return { file: '', row: 0 };
      };
      const near = pairsNearThreshold(result.probability, threshold, Math.max(0, Number(flags.explain ?? 3)));
      const explanations = near.map((p) => {
        const explanation = explainPair(
          result.model,
          result.comparators,
          result.pairs.left[p],
          result.pairs.right[p],
        );
        return {
          ...explanation,
          leftRecord: fileOf(explanation.left),
          rightRecord: fileOf(explanation.right),
        };
      });
      const scores = result.clustering.scores;
      const entityCount = result.clustering.clusterCount;
      const report = {
        files: tables.map((table) => ({ file: table.file, records: table.rows.length })),
        linkType,
        fields:
          inferred?.profiles ?? config.comparisons.map((spec) => ({ field: spec.field, kind: spec.kind })),
        skippedFields: inferred?.skipped ?? [],
        blocking: result.blocking.map((count) => ({
          rule: count.rule,
          comparisons: count.comparisons,
          newComparisons: count.newComparisons,
          largestBlock: count.largestBlock,
          skippedBlocks: count.skippedBlocks,
        })),
        comparisons: result.pairs.count,
        model: {
          priorMatchProbability: result.model.priorMatchProbability,
          estimatedMatches: result.training?.estimatedMatches ?? null,
          comparisons: result.model.comparisons.map((comparison) => ({
            name: comparison.name,
            kind: comparison.kind,
            termFrequency: comparison.termFrequency,
            levels: comparison.labels.map((label, level) => ({
              level: label,
              m: comparison.m[level],
              u: comparison.u[level],
              weight: Math.log2(comparison.m[level] / comparison.u[level]),
            })),
          })),
          sessions: result.training?.sessions ?? [],
        },
        threshold,
        links: links.count,
        entities: entityCount,
        refusedLinks: result.clustering.refused?.length ?? 0,
        ...(truth
          ? ((): {
              pairwise?: ReturnType<typeof evaluatePairs>;
              cluster?: Record<string, unknown> & { bCubed: { f1: number } };
              precisionRecall?: unknown;
            } => {
              const cluster = evaluateClusters(result.clustering.cluster, truth, { linkType, sources });
              return {
                pairwise: evaluatePairs(links, truth, { linkType, sources }),
                cluster: {
                  ...cluster.pairwise,
                  bCubed: cluster.bCubed,
                  clusters: cluster.clusters,
                  entities: cluster.entities,
                },
                precisionRecall: precisionRecallCurve(
                  { ...result.pairs, probability: result.probability },
                  truth,
                  {
                    linkType,
                    sources,
                    thresholds: [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999],
                  },
                ),
              };
            })()
          : ({} as { pairwise?: ReturnType<typeof evaluatePairs>; cluster?: { bCubed: { f1: number } } })),
        explanations,
        seconds,
        phases: { ...phases, report: lap() },
        cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
        peakMemoryMegabytes: Math.round(process.resourceUsage().maxRSS / 1024),
        threads: threads > 1 && (flags.threads !== undefined || planned > PARALLEL_FROM) ? threads : 1,
      };
      if (flags.out) {
        const scoreOf = new Map((scores ?? []).map((score) => [score.cluster, score]));
        const sizeOf = new Map<number, number>();
        for (const cluster of result.clustering.cluster) sizeOf.set(cluster, (sizeOf.get(cluster) ?? 0) + 1);
        const lines = Array.from(result.clustering.cluster, (cluster, record) => {
          const place = fileOf(record);
          return [place.file, place.row, cluster, sizeOf.get(cluster), scoreOf.get(cluster)?.coherence ?? ''];
        });
        await writeFile(
          flags.out,
          stringify([['file', 'row', 'entity', 'entity_size', 'entity_coherence'], ...lines]),
        );
      }
      if (flags.json) {
        printJson(report);
        return;
      }
      printTable(
        [
          { measure: 'records', value: rows.length },
          { measure: 'candidate pairs compared', value: result.pairs.count },
          { measure: 'prior match probability', value: result.model.priorMatchProbability },
          { measure: `links (p >= ${threshold})`, value: links.count },
          { measure: 'entities', value: entityCount },
          ...(report.pairwise && report.cluster
            ? [
                { measure: 'pairwise precision', value: report.pairwise.precision },
                { measure: 'pairwise recall', value: report.pairwise.recall },
                { measure: 'pairwise F1', value: report.pairwise.f1 },
                { measure: 'B-cubed F1', value: report.cluster.bCubed.f1 },
              ]
            : []),
          { measure: 'seconds', value: seconds },
        ],
        ['measure', 'value'],
      );
    });
  registerLinkDatabaseCommands(link);
}
