import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import YAML from 'yaml';
import { createRandom } from '../../analytics/common/random.ts';
import {
  type AberrationPeriod,
  ANSWER_KEYS,
  allocateSample,
  buildTimeSlotFrame,
  type CountSeries,
  compareDeterminations,
  computeDesignWeights,
  type DeterminationRuleSet,
  dayToIsoDate,
  detectAberrationsEarsC,
  detectAberrationsFarringtonFlexible,
  determineTrafficking,
  type EarsMethod,
  type FarringtonFlexibleOptions,
  type FarringtonThresholdMethod,
  ILO_2012_FORCED_LABOUR_RULES,
  INTERVIEW_ANSWERS_SCHEMA,
  type InterviewAnswers,
  isoDateToDay,
  PALERMO_PROTOCOL_RULES,
  planSystematicSampling,
  planTimeLocationSampling,
  type SelectionOutcome,
  type SelectionRecord,
  type SystematicPlan,
  stratumId,
  type TimeLocationPlan,
} from '../../analytics/surveillance/index.ts';
import { type InputProblem, invalidInput, UserError } from '../../domain/errors.ts';
import { numberCell, readTableFile, requireColumns, type Table } from '../../ingest/read-table.ts';
import { printJson, printTable } from '../output.ts';

interface AlertsOptions {
  method: string;
  alpha?: string;
  baseline?: string;
  range?: string;
  b?: string;
  w?: string;
  /** `--no-periods <n>`: commander files a `--no-` flag under `periods` (true when absent). */
  periods?: string | boolean;
  pastWeeksExcluded?: string;
  weightsThreshold?: string;
  pThresholdTrend?: string;
  threshold?: string;
  noufaily?: boolean;
  minCount?: string;
  c3Textbook?: boolean;
  json?: boolean;
}

const EARS_METHODS: Record<string, EarsMethod> = { 'ears-c1': 'C1', 'ears-c2': 'C2', 'ears-c3': 'C3' };
const THRESHOLDS: FarringtonThresholdMethod[] = ['delta', 'nbPlugin', 'muan'];

function numberOption(value: string | undefined, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || (integer && !Number.isInteger(parsed)))
    throw new UserError(
      `${flag} must be ${integer ? 'an integer' : 'a number'}, got "${value}"`,
      'invalid_input',
    );
  return parsed;
}

function parseRange(text: string | undefined): { from: number; to: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(-?\d+):(-?\d+)$/.exec(text.trim());
  if (!match) throw new UserError(`--range must be FROM:TO (two integers), got "${text}"`, 'invalid_input');
  return { from: Number(match[1]), to: Number(match[2]) };
}

/**
 * Reads `t`, optional `date` and `count` (empty = no report). Rows may come in any order; gaps in `t`
 * become missing periods (with their dates, when the file has dates).
 */
export function readCountSeriesTable(table: Table): CountSeries {
  requireColumns(table, 't', 'count');
  const hasDates = table.columns.includes('date') && table.rows.some((row) => row.date !== '');
  const problems: InputProblem[] = [];
  const rows = table.rows.map((row, index) => {
    const t = numberCell(table, index, 't');
    if (!Number.isInteger(t))
      problems.push({
        file: table.file,
        row: index + 2,
        column: 't',
        value: row.t,
        reason: 'is not an integer',
      });
    const count = numberCell(table, index, 'count', { allowEmpty: true });
    if (!Number.isNaN(count) && (!Number.isInteger(count) || count < 0))
      problems.push({
        file: table.file,
        row: index + 2,
        column: 'count',
        value: row.count,
        reason: 'is not a whole number of cases >= 0 (leave it empty for a week with no report)',
      });
    let day = Number.NaN;
    if (hasDates) {
      day = isoDateToDay(row.date);
      if (Number.isNaN(day))
        problems.push({
          file: table.file,
          row: index + 2,
          column: 'date',
          value: row.date,
          reason: 'is not a yyyy-mm-dd date',
        });
    }
    return { t, count: Number.isNaN(count) ? null : count, day, line: index + 2 };
  });
  if (problems.length > 0) throw invalidInput(`${table.file} is not a count series`, problems);
  if (rows.length === 0)
    throw invalidInput(`${table.file} has no rows`, [{ file: table.file, reason: 'no rows' }]);
  rows.sort((a, b) => a.t - b.t);
  for (let index = 1; index < rows.length; index++) {
    const previous = rows[index - 1];
    const row = rows[index];
    if (row.t === previous.t)
      problems.push({
        file: table.file,
        row: row.line,
        column: 't',
        value: String(row.t),
        reason: `repeats t of row ${previous.line}`,
      });
    else if (hasDates && row.day - previous.day !== 7 * (row.t - previous.t))
      problems.push({
        file: table.file,
        row: row.line,
        column: 'date',
        value: dayToIsoDate(row.day),
        reason: `is not ${7 * (row.t - previous.t)} days after the date of t = ${previous.t} (row ${previous.line})`,
      });
  }
  if (problems.length > 0) throw invalidInput(`${table.file} is not a regular weekly series`, problems);
  const first = rows[0];
  const length = rows[rows.length - 1].t - first.t + 1;
  const counts: (number | null)[] = new Array(length).fill(null);
  for (const row of rows) counts[row.t - first.t] = row.count;
  const t = Array.from({ length }, (_, index) => first.t + index);
  if (!hasDates) return { counts, t };
  return { counts, t, dates: t.map((_, index) => dayToIsoDate(first.day + 7 * index)) };
}

function farringtonOptions(options: AlertsOptions): FarringtonFlexibleOptions {
  if (options.threshold !== undefined && !THRESHOLDS.includes(options.threshold as FarringtonThresholdMethod))
    throw new UserError(
      `--threshold must be one of ${THRESHOLDS.join(', ')}, got "${options.threshold}"`,
      'invalid_input',
    );
  return {
    preset: options.noufaily ? 'noufaily2013' : undefined,
    alpha: numberOption(options.alpha, '--alpha', false),
    b: numberOption(options.b, '--b', true),
    w: numberOption(options.w, '--w', true),
    noPeriods: numberOption(
      typeof options.periods === 'string' ? options.periods : undefined,
      '--no-periods',
      true,
    ),
    pastWeeksNotIncluded: numberOption(options.pastWeeksExcluded, '--past-weeks-excluded', true),
    weightsThreshold: numberOption(options.weightsThreshold, '--weights-threshold', false),
    pThresholdTrend: numberOption(options.pThresholdTrend, '--p-threshold-trend', false),
    thresholdMethod: options.threshold as FarringtonThresholdMethod | undefined,
    minimumCount: numberOption(options.minCount, '--min-count', true),
    range: parseRange(options.range),
  };
}

/** `siren surveillance alerts SERIES.csv`: EARS C1/C2/C3 or Farrington flexible alarms on weekly counts. */
export function registerSurveillanceCommands(program: Command): void {
  const surveillance = program
    .command('surveillance')
    .description(
      'sentinel surveillance analytics: aberration alerts, trafficking determination, sampling plans',
    );
  registerClassifyCommand(surveillance);
  registerPlanCommand(surveillance);
  registerSlotPlanCommand(surveillance);
  registerWeightsCommand(surveillance);
  surveillance
    .command('alerts')
    .description('flag weeks whose count is above what the past predicts (EARS C1/C2/C3, Farrington)')
    .argument('<series>', 'CSV/XLSX/JSON with columns t (period index), optional date (yyyy-mm-dd) and count')
    .requiredOption('--method <name>', 'ears-c1 | ears-c2 | ears-c3 | farrington')
    .option('--alpha <a>', 'one-sided level (EARS: 0.001 for C1/C2, 0.025 for C3; Farrington: 0.05)')
    .option('--baseline <n>', 'EARS baseline length in weeks', '7')
    .option('--range <from:to>', 'weeks to evaluate, as t labels (default: all with enough history)')
    .option('--b <years>', 'Farrington: years back (default 5)')
    .option('--w <halfwindow>', 'Farrington: half-window around reference weeks (default 3)')
    .option('--no-periods <n>', 'Farrington: seasonal blocks per year, 1 = windows only (default 1)')
    .option('--past-weeks-excluded <n>', 'Farrington: recent weeks left out of the baseline (default w)')
    .option(
      '--weights-threshold <x>',
      'Farrington: Anscombe residual above which weeks are down-weighted (2.58)',
    )
    .option('--p-threshold-trend <p>', 'Farrington: keep the trend when its p-value is below p (0.05)')
    .option('--threshold <method>', 'Farrington: delta | nbPlugin | muan (default delta)')
    .option(
      '--noufaily',
      'Farrington: Noufaily et al. 2013 settings (noPeriods 10, weightsThreshold 2.58, 26 past weeks excluded, trend always tested, nbPlugin)',
    )
    .option('--min-count <n>', 'an alarm also needs at least n cases in the week', '0')
    .option(
      '--c3-textbook',
      'EARS C3: the textbook rule (sum of three C2 excesses >= z) instead of the package rule',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
An empty count is a week with no report: it is shown as missing and left out of every baseline (it is
never read as zero). Gaps in t are filled with missing weeks. Defaults are those of R surveillance
(earsC, farringtonFlexible). JSON: {method, settings, periods: [{t, date, observed, upperbound, alarm,
belowMinimumCount, note, ...method diagnostics}], alarmT, diagnostics}.`,
    )
    .action(async (file: string, options: AlertsOptions) => {
      const table = await readTableFile(file);
      const series = readCountSeriesTable(table);
      let result: { method: string; periods: AberrationPeriod[]; alarmT: number[] };
      if (options.method === 'farrington')
        result = detectAberrationsFarringtonFlexible(series, farringtonOptions(options));
      else {
        const method = EARS_METHODS[options.method];
        if (!method)
          throw new UserError(
            `unknown method "${options.method}" (choose ears-c1, ears-c2, ears-c3 or farrington)`,
            'invalid_input',
          );
        result = detectAberrationsEarsC(series, {
          method,
          alpha: numberOption(options.alpha, '--alpha', false),
          baseline: numberOption(options.baseline, '--baseline', true),
          range: parseRange(options.range),
          minimumCount: numberOption(options.minCount, '--min-count', true),
          variant: options.c3Textbook ? 'textbook' : 'surveillance',
        });
      }
      if (options.json) {
        printJson(result);
        return;
      }
      printTable(
        result.periods.map((period) => ({
          t: period.t,
          date: period.date ?? '',
          observed: period.observed ?? 'missing',
          upperbound: period.upperbound,
          alarm: period.alarm === true ? 'ALARM' : '',
          note: period.belowMinimumCount ? 'below --min-count' : period.note,
        })),
      );
      process.stdout.write(
        `${result.alarmT.length} alarm(s) in ${result.periods.length} weeks (${result.method})\n`,
      );
    });
}

const NUMBER_ANSWERS = new Set([
  'ageAtInterview',
  'ageAtRecruitment',
  'brokerFeePaid',
  'hoursPerDay',
  'daysPerWeek',
  'monthsUnpaid',
]);
const TEXT_ANSWERS = new Set(['sex', 'destinationCountry', 'recruitedBy', 'sector', 'returnMode']);
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/**
 * Reads canonical interview answers from a table: one row per interview, an `interviewId` column and
 * any of the answer keys as columns (other columns are ignored). Empty or NA cells are unanswered; yes/no/true/false/1/0 for
 * flags; `deceivedAbout` lists topics separated by spaces, commas or semicolons (XLSForm style).
 */
export function readInterviewAnswersTable(table: Table): InterviewAnswers[] {
  requireColumns(table, 'interviewId');
  const problems: InputProblem[] = [];
  const interviews: InterviewAnswers[] = [];
  table.rows.forEach((row, index) => {
    const record: Record<string, unknown> = { interviewId: row.interviewId };
    for (const key of ANSWER_KEYS) {
      const text = row[key];
      if (text === undefined || text === '' || text.toUpperCase() === 'NA') continue;
      if (NUMBER_ANSWERS.has(key)) record[key] = Number(text);
      else if (TEXT_ANSWERS.has(key)) record[key] = text;
      else if (key === 'deceivedAbout') record[key] = text.split(/[\s,;]+/).filter((item) => item !== '');
      else if (TRUE_WORDS.has(text.toLowerCase())) record[key] = true;
      else if (FALSE_WORDS.has(text.toLowerCase())) record[key] = false;
      else record[key] = text;
    }
    const parsed = INTERVIEW_ANSWERS_SCHEMA.safeParse(record);
    if (parsed.success) interviews.push(parsed.data);
    else
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? 'interviewId');
        problems.push({
          file: table.file,
          row: index + 2,
          column,
          value: row[column] ?? '',
          reason: issue.message,
        });
      }
  });
  if (problems.length > 0) throw invalidInput(`${table.file} has answers the rules cannot read`, problems);
  if (interviews.length === 0)
    throw invalidInput(`${table.file} has no interviews`, [{ file: table.file, reason: 'no rows' }]);
  return interviews;
}

/** A shipped rule set by name (`ilo-2012`, `palermo`) or one read from a JSON/YAML file. */
export async function loadRuleSet(name: string): Promise<DeterminationRuleSet> {
  if (name === 'ilo-2012') return ILO_2012_FORCED_LABOUR_RULES;
  if (name === 'palermo') return PALERMO_PROTOCOL_RULES;
  let text: string;
  try {
    text = await readFile(name, 'utf8');
  } catch (error) {
    throw new UserError(
      `rule set "${name}" is neither ilo-2012, palermo nor a readable file (${(error as NodeJS.ErrnoException).code})`,
      'not_found',
    );
  }
  try {
    return (
      ['.yaml', '.yml'].includes(extname(name).toLowerCase()) ? YAML.parse(text) : JSON.parse(text)
    ) as DeterminationRuleSet;
  } catch (error) {
    throw invalidInput(`${basename(name)} is not a readable rule set`, [
      { file: basename(name), reason: (error as Error).message },
    ]);
  }
}

function registerClassifyCommand(surveillance: Command): void {
  surveillance
    .command('classify')
    .description(
      'classify interviews as trafficked / not / undetermined by a rule set, optionally compared with another',
    )
    .argument('<answers>', 'CSV/XLSX/JSON: interviewId and canonical answer keys as columns')
    .option('--rules <name|file>', 'ilo-2012 | palermo | a rule set file (.json, .yaml)', 'ilo-2012')
    .option('--compare <name|file>', 'a second rule set: agreement table and kappa')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Answer keys: ${ANSWER_KEYS.join(', ')}.
Unanswered (empty, NA) keys are unknown, never "no": an interview is undetermined when they could
change the outcome. JSON: {ruleSet, counts, indicatorCounts, determinations: [{interviewId, status,
firedIndicators, unknownIndicators, decisions}], comparison}.`,
    )
    .action(async (file: string, options: { rules: string; compare?: string; json?: boolean }) => {
      const interviews = readInterviewAnswersTable(await readTableFile(file));
      const result = determineTrafficking(interviews, await loadRuleSet(options.rules));
      const comparison =
        options.compare === undefined
          ? null
          : compareDeterminations(
              result,
              determineTrafficking(interviews, await loadRuleSet(options.compare)),
            );
      if (options.json) {
        printJson({ ...result, comparison });
        return;
      }
      printTable(
        result.determinations.map((item) => ({
          interviewId: item.interviewId,
          status: item.status,
          indicators: item.firedIndicators.join(' '),
          unknown: item.unknownIndicators.length,
        })),
      );
      process.stdout.write(
        `${result.ruleSet.id} ${result.ruleSet.version} (${result.ruleSet.fingerprint}): ${result.counts.trafficked} trafficked, ${result.counts.not_trafficked} not, ${result.counts.undetermined} undetermined\n`,
      );
      if (comparison)
        process.stdout.write(
          `agreement with ${comparison.second.id}: ${comparison.allStatuses.observedAgreement?.toFixed(3)}, kappa ${comparison.allStatuses.kappa?.toFixed(3) ?? 'n/a'} (determined by both: ${comparison.determinedByBoth.kappa?.toFixed(3) ?? 'n/a'})\n`,
        );
    });
}

function registerPlanCommand(surveillance: Command): void {
  surveillance
    .command('plan')
    .description('systematic selection plan (every k-th arrival from a random start) by site and week')
    .argument('<strata>', 'CSV/XLSX/JSON with site, week (e.g. 2024-W05) and expected_count per stratum')
    .requiredOption('--sample-size <n>', 'total interviews wanted in the round')
    .option('--allocation <rule>', 'proportional | equal', 'proportional')
    .option('--seed <n>', 'random seed (recorded with the plan)', '1')
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      `
JSON: {kind, seed, strata: [{stratum, site, week, expectedCount, sampleSize, interval, randomStart,
selectionProbability, selectedArrivals}]}. Weights are computed later from the plan, the field
records and the site's official counts.`,
    )
    .action(
      async (
        file: string,
        options: { sampleSize: string; allocation: string; seed: string; json?: boolean },
      ) => {
        const table = await readTableFile(file);
        requireColumns(table, 'site', 'week', 'expected_count');
        if (options.allocation !== 'proportional' && options.allocation !== 'equal')
          throw new UserError(
            `--allocation must be proportional or equal, got "${options.allocation}"`,
            'invalid_input',
          );
        const strata = table.rows.map((row, index) => ({
          id: stratumId(row.site, row.week),
          site: row.site,
          week: row.week,
          expectedCount: numberCell(table, index, 'expected_count'),
        }));
        const seed = numberOption(options.seed, '--seed', true) as number;
        const allocated = allocateSample(strata, {
          totalSampleSize: numberOption(options.sampleSize, '--sample-size', true) as number,
          allocation: options.allocation,
        });
        const plan = planSystematicSampling(allocated, { random: createRandom(seed), seed });
        if (options.json) {
          printJson(plan);
          return;
        }
        printTable(
          plan.strata.map((stratum) => ({
            site: stratum.site,
            week: stratum.week,
            expected: stratum.expectedCount,
            sample: stratum.sampleSize,
            every: stratum.interval,
            start: stratum.randomStart,
            first: stratum.selectedArrivals.slice(0, 5).join(' '),
          })),
        );
      },
    );
}

const OUTCOMES: SelectionOutcome[] = ['completed', 'refused', 'not_eligible', 'not_contacted'];

/** The stratum of a row: a `stratum` column, or `site` and `week` columns. */
function stratumOfRow(table: Table, index: number): string {
  const row = table.rows[index];
  if (table.columns.includes('stratum') && row.stratum !== '') return row.stratum;
  if (row.site && row.week) return stratumId(row.site, row.week);
  throw invalidInput(`${table.file} has a row without its stratum`, [
    { file: table.file, row: index + 2, column: 'stratum', reason: 'needs a stratum, or site and week' },
  ]);
}

function registerWeightsCommand(surveillance: Command): void {
  surveillance
    .command('weights')
    .description("design weights from a sampling plan, the field records and the site's official counts")
    .argument('<plan>', 'the plan as JSON (siren surveillance plan --json)')
    .requiredOption(
      '--selections <file>',
      'field records: stratum (or site, week), outcome, replacement, interviewId, slot',
    )
    .option('--official-counts <file>', 'site counts per stratum: stratum (or site, week) and count')
    .option('--slot-arrivals <file>', 'time-location plans: slot and arrivals counted by the team')
    .option('--json', 'print the weights as JSON')
    .addHelpText(
      'after',
      `
Outcomes: completed | refused | not_eligible | not_contacted; replacement = yes for a person taken in
place of a refusal. JSON: {kind, interviews: [{interviewId, stratum, slot, selectionProbability,
designWeight, weight}], strata: [...response rates...], designColumns, warnings}.`,
    )
    .action(
      async (
        planFile: string,
        options: { selections: string; officialCounts?: string; slotArrivals?: string; json?: boolean },
      ) => {
        let plan: SystematicPlan | TimeLocationPlan;
        try {
          plan = JSON.parse(await readFile(planFile, 'utf8'));
        } catch (error) {
          throw invalidInput(`${basename(planFile)} is not a plan`, [
            { file: basename(planFile), reason: (error as Error).message },
          ]);
        }
        const table = await readTableFile(options.selections);
        requireColumns(table, 'outcome');
        const problems: InputProblem[] = [];
        const selections: SelectionRecord[] = table.rows.map((row, index) => {
          if (!OUTCOMES.includes(row.outcome as SelectionOutcome))
            problems.push({
              file: table.file,
              row: index + 2,
              column: 'outcome',
              value: row.outcome,
              reason: `is not one of ${OUTCOMES.join(', ')}`,
            });
          return {
            stratum: stratumOfRow(table, index),
            slot: row.slot || null,
            outcome: row.outcome as SelectionOutcome,
            replacement: TRUE_WORDS.has((row.replacement ?? '').toLowerCase()),
            interviewId: row.interviewId || null,
          };
        });
        if (problems.length > 0) throw invalidInput(`${table.file} has unknown outcomes`, problems);
        let official: { stratum: string; count: number }[] | undefined;
        if (options.officialCounts !== undefined) {
          const counts = await readTableFile(options.officialCounts);
          requireColumns(counts, 'count');
          official = counts.rows.map((_, index) => ({
            stratum: stratumOfRow(counts, index),
            count: numberCell(counts, index, 'count'),
          }));
        }
        let slotArrivals: { slot: string; arrivals: number }[] | undefined;
        if (options.slotArrivals !== undefined) {
          const slots = await readTableFile(options.slotArrivals);
          requireColumns(slots, 'slot', 'arrivals');
          slotArrivals = slots.rows.map((row, index) => ({
            slot: row.slot,
            arrivals: numberCell(slots, index, 'arrivals'),
          }));
        }
        const result = computeDesignWeights(plan, selections, { official, slotArrivals });
        if (options.json) {
          printJson(result);
          return;
        }
        printTable(
          result.strata.map((stratum) => ({
            stratum: stratum.stratum,
            official: stratum.officialCount,
            selected: stratum.selected,
            completed: stratum.completed,
            refused: stratum.refused,
            replacements: stratum.replacements,
            responseRate: stratum.responseRate,
            weightSum: stratum.weightSum,
          })),
        );
        for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      },
    );
}

function registerSlotPlanCommand(surveillance: Command): void {
  surveillance
    .command('plan-slots')
    .description(
      'time-location sampling plan: random time slots per site and week, the schedule for field teams',
    )
    .requiredOption('--site <name>', 'sentinel site')
    .requiredOption('--locations <list>', 'comma-separated locations at the site (e.g. gate,transit-centre)')
    .requiredOption('--from <date>', 'first day (yyyy-mm-dd)')
    .requiredOption('--to <date>', 'last day (yyyy-mm-dd)')
    .requiredOption('--slots <list>', 'daily slots as HH:MM-HH:MM, comma-separated')
    .requiredOption('--slots-per-stratum <n>', 'slots drawn per site and week')
    .option('--within-slot-interval <k>', 'intercept every k-th arrival in a slot', '1')
    .option('--seed <n>', 'random seed (recorded with the plan)', '1')
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      `
JSON: {kind, seed, strata: [{stratum, slotsInFrame, slotsSelected}], schedule: [{id, site, location,
day, start, end, stratum, slotSelectionProbability, withinSlotInterval, randomStart}]}.`,
    )
    .action(
      (options: {
        site: string;
        locations: string;
        from: string;
        to: string;
        slots: string;
        slotsPerStratum: string;
        withinSlotInterval: string;
        seed: string;
        json?: boolean;
      }) => {
        const first = isoDateToDay(options.from);
        const last = isoDateToDay(options.to);
        if (Number.isNaN(first) || Number.isNaN(last) || last < first || last - first > 366)
          throw new UserError(
            `--from and --to must be yyyy-mm-dd dates, in order, at most a year apart (got ${options.from}, ${options.to})`,
            'invalid_input',
          );
        const slotTimes = options.slots.split(',').map((text) => {
          const match = /^\s*(\d{2}:\d{2})-(\d{2}:\d{2})\s*$/.exec(text);
          if (!match)
            throw new UserError(`--slots must be HH:MM-HH:MM items, got "${text}"`, 'invalid_input');
          return [match[1], match[2]] as [string, string];
        });
        const seed = numberOption(options.seed, '--seed', true) as number;
        const frame = buildTimeSlotFrame({
          site: options.site,
          locations: options.locations
            .split(',')
            .map((location) => location.trim())
            .filter(Boolean),
          days: Array.from({ length: last - first + 1 }, (_, index) => dayToIsoDate(first + index)),
          slotTimes,
        });
        const plan = planTimeLocationSampling(frame, {
          random: createRandom(seed),
          seed,
          slotsPerStratum: numberOption(options.slotsPerStratum, '--slots-per-stratum', true) as number,
          withinSlotInterval: numberOption(options.withinSlotInterval, '--within-slot-interval', true),
        });
        if (options.json) {
          printJson(plan);
          return;
        }
        printTable(
          plan.schedule.map((slot) => ({
            day: slot.day,
            start: slot.start,
            end: slot.end,
            location: slot.location,
            week: slot.stratum.split('|')[1],
            probability: slot.slotSelectionProbability,
          })),
        );
      },
    );
}
