import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { SystematicPlan, TimeLocationPlan } from '../../analytics/surveillance/index.ts';
import { invalidInput, UserError } from '../../domain/errors.ts';
import { numberCell, readTableFile, requireColumns, type Table } from '../../ingest/read-table.ts';
import { readSubmissionFile } from '../../ingest/submissions.ts';
import {
  describeDiff,
  readXlsFormFile,
  writeXlsFormWorkbook,
  type XlsForm,
} from '../../ingest/xlsform/index.ts';
import {
  classifyInterviews,
  type FieldOutcome,
  importInstrument,
  importSubmissions,
  type PlanRequest,
  planRound,
  prepareInstrument,
  recordFieldOutcomes,
  registerSite,
} from '../../server/services/sentinel.ts';
import type { Queryable } from '../../store/database.ts';
import type { Store } from '../../store/index.ts';
import {
  createOrganisation,
  findOrganisationByName,
  firstOrganisation,
} from '../../store/repositories/organisations.ts';
import { listDeterminations } from '../../store/repositories/sentinel-determinations.ts';
import { findInstrument, listInstruments } from '../../store/repositories/sentinel-instruments.ts';
import { listInterviews } from '../../store/repositories/sentinel-interviews.ts';
import {
  createRound,
  findRound,
  listRounds,
  listSelections,
  type SelectionOutcomeValue,
} from '../../store/repositories/sentinel-rounds.ts';
import {
  findSite,
  listOfficialCounts,
  listSites,
  recordOfficialCount,
  type SentinelScope,
  type SentinelSite,
} from '../../store/repositories/sentinel-sites.ts';
import { commandLineActor, withStore } from '../context.ts';
import { printJson, printTable } from '../output.ts';
import { registerSentinelReportCommands } from './sentinel-reports.ts';
import { loadRuleSet } from './surveillance.ts';

/**
 * `siren sentinel …`: sentinel sites and their official counts, rounds, sampling plans (drawn with
 * a recorded seed; the selection list or slot schedule for field teams; refusals, replacements and
 * interceptions recorded), instruments (XLSForm versions with their diff; export to XLSX),
 * submission imports (KoBoToolbox / ODK Central exports) and classification by a rule set.
 */

/** The default instrument's reviewable source (survey/choices/settings CSV). */
export const DEFAULT_INSTRUMENT_FOLDER = 'instruments/sentinel-interview';

/**
 * Sub-command families of `siren sentinel`. Other families (e.g. indicators, data sheets) register
 * here: add their `register…(sentinel)` function to this list.
 */
export const SENTINEL_SUBCOMMANDS: ((sentinel: Command) => void)[] = [
  registerSiteCommands,
  registerRoundCommands,
  registerPlanCommands,
  registerInstrumentCommands,
  registerSubmissionCommands,
  registerClassifyCommand,
  registerSentinelReportCommands,
];

export function registerSentinelCommands(program: Command): void {
  const sentinel = program
    .command('sentinel')
    .description(
      'sentinel surveillance: sites, rounds, sampling plans, instruments, submissions, classification',
    );
  for (const register of SENTINEL_SUBCOMMANDS) register(sentinel);
}

async function organisationScope(db: Queryable, name: string | undefined): Promise<SentinelScope> {
  if (name) {
    const found = await findOrganisationByName(db, name);
    if (!found)
      throw new UserError(
        `organisation "${name}" does not exist; add it with: siren org add "${name}"`,
        'not_found',
      );
    return { organisationId: found.id, site: null };
  }
  const first = (await firstOrganisation(db)) ?? (await createOrganisation(db, 'Local organisation'));
  return { organisationId: first.id, site: null };
}

async function siteOf(store: Store, code: string, organisation: string | undefined): Promise<SentinelSite> {
  return findSite(store.database, await organisationScope(store.database, organisation), code);
}

const ORG_OPTION = [
  '--org <organisation>',
  'organisation that runs the site (default: the first one)',
] as const;

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UserError(`${flag} must be a whole number of at least 1, got "${text}"`, 'invalid_input');
  return value;
}

function isoDateOption(text: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text)))
    throw new UserError(`${flag} must be a date yyyy-mm-dd, got "${text}"`, 'invalid_input');
  return text;
}

function registerSiteCommands(sentinel: Command): void {
  const site = sentinel.command('site').description('sentinel sites and their official counts');
  site
    .command('add')
    .description('add a site: a gazetteer place, optionally a border crossing, and the population it serves')
    .argument('<code>', 'short code (lower case, e.g. poipet); field researchers are tied to it')
    .requiredOption('--name <name>', 'display name (e.g. Poipet)')
    .requiredOption('--place <place>', 'province: ISO 3166-2 code (KH-1) or name in the gazetteer')
    .requiredOption('--population <text>', 'the population served, e.g. "deportees from Thailand"')
    .option('--crossing <crossing>', 'border crossing id (KH-TH-01) or town')
    .option(...ORG_OPTION)
    .option('--json', 'print the site as JSON')
    .action(
      async (
        code: string,
        options: {
          name: string;
          place: string;
          population: string;
          crossing?: string;
          org?: string;
          json?: boolean;
        },
      ) => {
        const created = await withStore(async (store) =>
          registerSite(store.database, {
            code,
            name: options.name,
            place: options.place,
            crossing: options.crossing ?? null,
            populationServed: options.population,
            organisationId: (await organisationScope(store.database, options.org)).organisationId,
          }),
        );
        if (options.json) return printJson(created);
        process.stdout.write(
          `site ${created.code} (${created.name}) at ${created.placeCode}${created.crossingCode ? `, crossing ${created.crossingCode}` : ''}\n`,
        );
      },
    );
  site
    .command('list')
    .description('list the sites')
    .option(...ORG_OPTION)
    .option('--json', 'print the sites as JSON')
    .action(async (options: { org?: string; json?: boolean }) => {
      const sites = await withStore(async (store) =>
        listSites(store.database, await organisationScope(store.database, options.org)),
      );
      if (options.json) return printJson(sites);
      printTable(
        sites.map((item) => ({
          code: item.code,
          name: item.name,
          place: item.placeCode,
          crossing: item.crossingCode,
          population: item.populationServed,
        })),
      );
    });
  site
    .command('counts')
    .description("record the site's official counts per period (e.g. deportees handed over per week)")
    .argument('<site>', 'site code')
    .argument('[file]', 'CSV/XLSX/JSON: period, period_start, period_end, count [, source]')
    .option(...ORG_OPTION)
    .option('--json', 'print the counts as JSON')
    .addHelpText(
      'after',
      `
Periods are the labels strata use: ISO weeks (2024-W05) for plans drawn by SIREN, or a round's own
label. Without a file, prints the recorded counts. A period recorded again is replaced.`,
    )
    .action(async (code: string, file: string | undefined, options: { org?: string; json?: boolean }) => {
      const table = file ? await readTableFile(file) : undefined;
      if (table) requireColumns(table, 'period', 'period_start', 'period_end', 'count');
      const counts = await withStore(async (store) => {
        const found = await siteOf(store, code, options.org);
        if (table)
          await store.database.transaction(async (transaction) => {
            for (const [index, row] of table.rows.entries())
              await recordOfficialCount(
                transaction,
                {
                  siteId: found.id,
                  period: row.period,
                  periodStart: isoDateCell(table, index, 'period_start'),
                  periodEnd: isoDateCell(table, index, 'period_end'),
                  count: numberCell(table, index, 'count'),
                  source: row.source ?? '',
                },
                commandLineActor(),
              );
          });
        return listOfficialCounts(store.database, found.id);
      });
      if (options.json) return printJson(counts);
      printTable(counts.map(({ siteId: _site, ...rest }) => rest));
    });
}

function isoDateCell(table: Table, index: number, column: string): string {
  const text = table.rows[index][column];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text ?? ''))
    throw invalidInput(`${table.file} has a date that is not yyyy-mm-dd`, [
      { file: table.file, row: index + 2, column, value: text, reason: 'is not a date yyyy-mm-dd' },
    ]);
  return text;
}

function registerRoundCommands(sentinel: Command): void {
  const round = sentinel.command('round').description('rounds of a site: dates, team, target sample size');
  round
    .command('add')
    .description('add a round to a site')
    .argument('<site>', 'site code')
    .argument('<label>', 'round label, e.g. 2024-R1')
    .requiredOption('--from <date>', 'first day (yyyy-mm-dd)')
    .requiredOption('--to <date>', 'last day (yyyy-mm-dd)')
    .requiredOption('--target <n>', 'target number of interviews')
    .option('--team <team>', 'the field team', '')
    .option(...ORG_OPTION)
    .option('--json', 'print the round as JSON')
    .action(
      async (
        code: string,
        label: string,
        options: { from: string; to: string; target: string; team: string; org?: string; json?: boolean },
      ) => {
        const startsOn = isoDateOption(options.from, '--from');
        const endsOn = isoDateOption(options.to, '--to');
        if (endsOn < startsOn) throw new UserError('--to must not be before --from', 'invalid_input');
        const created = await withStore(async (store) => {
          const found = await siteOf(store, code, options.org);
          return createRound(
            store.database,
            {
              siteId: found.id,
              label,
              startsOn,
              endsOn,
              team: options.team,
              targetSampleSize: positiveInteger(options.target, '--target'),
            },
            commandLineActor(),
          );
        });
        if (options.json) return printJson(created);
        process.stdout.write(
          `round ${created.label}: ${created.startsOn} to ${created.endsOn}, target ${created.targetSampleSize}\n`,
        );
      },
    );
  round
    .command('list')
    .description("list a site's rounds")
    .argument('<site>', 'site code')
    .option(...ORG_OPTION)
    .option('--json', 'print the rounds as JSON (without plans)')
    .action(async (code: string, options: { org?: string; json?: boolean }) => {
      const rounds = await withStore(async (store) =>
        listRounds(store.database, (await siteOf(store, code, options.org)).id),
      );
      const rows = rounds.map(({ plan: _plan, ...rest }) => rest);
      if (options.json) return printJson(rows);
      printTable(
        rows.map((item) => ({
          label: item.label,
          from: item.startsOn,
          to: item.endsOn,
          team: item.team,
          target: item.targetSampleSize,
          plan: item.planKind,
          seed: item.planSeed,
        })),
      );
    });
}

interface DrawOptions {
  kind: string;
  seed: string;
  expectedPerWeek?: string;
  allocation: string;
  locations?: string;
  slots?: string;
  slotsPerWeek?: string;
  withinSlotInterval: string;
  planFile?: string;
  out?: string;
  org?: string;
  json?: boolean;
}

async function planRequestOf(options: DrawOptions): Promise<PlanRequest> {
  if (options.planFile) {
    let plan: SystematicPlan | TimeLocationPlan;
    try {
      plan = JSON.parse(await readFile(options.planFile, 'utf8')) as SystematicPlan | TimeLocationPlan;
    } catch (error) {
      throw new UserError(
        `cannot read the plan ${options.planFile}: ${(error as Error).message}`,
        'invalid_input',
      );
    }
    if (plan?.kind !== 'systematic' && plan?.kind !== 'time-location')
      throw new UserError(
        `${basename(options.planFile)} is not a plan (kind systematic or time-location)`,
        'invalid_input',
      );
    return { kind: 'given', plan };
  }
  const seed = Number(options.seed);
  if (!Number.isInteger(seed))
    throw new UserError(`--seed must be a whole number, got "${options.seed}"`, 'invalid_input');
  if (options.kind === 'systematic') {
    if (options.allocation !== 'proportional' && options.allocation !== 'equal')
      throw new UserError(
        `--allocation must be proportional or equal, got "${options.allocation}"`,
        'invalid_input',
      );
    return {
      kind: 'systematic',
      seed,
      allocation: options.allocation,
      expectedPerWeek:
        options.expectedPerWeek === undefined
          ? undefined
          : positiveInteger(options.expectedPerWeek, '--expected-per-week'),
    };
  }
  if (options.kind === 'time-location') {
    if (!options.locations || !options.slots || !options.slotsPerWeek)
      throw new UserError(
        'a time-location plan needs --locations, --slots and --slots-per-week',
        'invalid_input',
      );
    return {
      kind: 'time-location',
      seed,
      locations: options.locations.split(',').map((item) => item.trim()),
      slotTimes: options.slots.split(',').map((item) => {
        const [start, end] = item.trim().split('-');
        return [start, end] as [string, string];
      }),
      slotsPerWeek: positiveInteger(options.slotsPerWeek, '--slots-per-week'),
      withinSlotInterval: positiveInteger(options.withinSlotInterval, '--within-slot-interval'),
    };
  }
  throw new UserError(`--kind must be systematic or time-location, got "${options.kind}"`, 'invalid_input');
}

const SELECTION_COLUMNS = [
  'code',
  'stratum',
  'arrival_number',
  'slot',
  'day',
  'start',
  'end',
  'selection_probability',
  'outcome',
  'replacement',
  'interview',
];

function csvLine(cells: readonly unknown[]): string {
  return cells
    .map((cell) => {
      const text = cell === null || cell === undefined ? '' : String(cell);
      return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',');
}

function registerPlanCommands(sentinel: Command): void {
  const plan = sentinel
    .command('plan')
    .description(
      "a round's sampling plan: draw it, print the selection list or slot schedule, record field outcomes",
    );
  plan
    .command('draw')
    .description(
      'draw the plan of a round with a recorded seed (or store a plan drawn elsewhere) and its selections',
    )
    .argument('<site>', 'site code')
    .argument('<round>', 'round label')
    .option('--kind <kind>', 'systematic | time-location', 'systematic')
    .option('--seed <n>', 'random seed, recorded with the plan', '1')
    .option(
      '--expected-per-week <n>',
      "systematic: expected arrivals per week (default: the site's official weekly counts)",
    )
    .option('--allocation <rule>', 'systematic: proportional | equal', 'proportional')
    .option('--locations <list>', 'time-location: comma-separated interview locations')
    .option('--slots <list>', 'time-location: slot times, e.g. 06:00-09:00,09:00-12:00')
    .option('--slots-per-week <n>', 'time-location: slots drawn per week')
    .option('--within-slot-interval <k>', 'time-location: intercept every k-th arrival in a slot', '1')
    .option('--plan-file <file>', 'a plan drawn elsewhere (JSON of siren surveillance plan --json)')
    .option('--out <file>', 'also write the selection list / schedule as CSV for the field team')
    .option(...ORG_OPTION)
    .option('--json', 'print the plan and its selections as JSON')
    .addHelpText(
      'after',
      `
Systematic plans stratify the round by ISO week (stratum site|yyyy-Www) and give each week an
interval k and a random start: selection codes are <week>-A<arrival number>. Time-location plans draw
slots per week from every location x day x slot: selection codes are the slot ids, and the team
records each person intercepted in a slot (siren sentinel plan record). A plan can no longer change
once field outcomes are recorded.`,
    )
    .action(async (code: string, label: string, options: DrawOptions) => {
      const request = await planRequestOf(options);
      const result = await withStore(async (store) => {
        const found = await siteOf(store, code, options.org);
        const round = await findRound(store.database, found.id, label);
        return store.database.transaction((transaction) => planRound(transaction, found, round, request));
      });
      if (options.out)
        await writeFile(
          options.out,
          `${[
            SELECTION_COLUMNS.slice(0, 8).join(','),
            ...result.selections.map((selection) =>
              csvLine([
                selection.code,
                selection.stratum,
                selection.arrivalNumber,
                selection.slot,
                selection.scheduledDay,
                selection.scheduledStart,
                selection.scheduledEnd,
                selection.selectionProbability,
              ]),
            ),
          ].join('\n')}\n`,
        );
      if (options.json) return printJson(result);
      process.stdout.write(
        `${result.plan.kind} plan for ${label} (seed ${result.plan.seed ?? 'none'}): ${result.selections.length} ${result.plan.kind === 'systematic' ? 'selections' : 'slots'}${options.out ? `, written to ${options.out}` : ''}\n`,
      );
    });
  plan
    .command('show')
    .description('the selection list or schedule of a round with what happened to each selection')
    .argument('<site>', 'site code')
    .argument('<round>', 'round label')
    .option('--out <file>', 'write it as CSV')
    .option(...ORG_OPTION)
    .option('--json', 'print it as JSON')
    .action(async (code: string, label: string, options: { out?: string; org?: string; json?: boolean }) => {
      const selections = await withStore(async (store) => {
        const found = await siteOf(store, code, options.org);
        return listSelections(store.database, (await findRound(store.database, found.id, label)).id);
      });
      const rows = selections.map((selection) => ({
        code: selection.code,
        stratum: selection.stratum,
        arrival_number: selection.arrivalNumber,
        slot: selection.slot,
        day: selection.scheduledDay,
        start: selection.scheduledStart,
        end: selection.scheduledEnd,
        selection_probability: selection.selectionProbability,
        outcome: selection.outcome,
        replacement: selection.replacement,
        interview: selection.interviewInstanceId,
      }));
      if (options.out)
        await writeFile(
          options.out,
          `${[SELECTION_COLUMNS.join(','), ...rows.map((row) => csvLine(SELECTION_COLUMNS.map((column) => row[column as keyof typeof row])))].join('\n')}\n`,
        );
      if (options.json) return printJson(rows);
      if (!options.out) printTable(rows);
    });
  plan
    .command('record')
    .description(
      'record field outcomes: refusals, non-eligible and not contacted selections, replacements, slot interceptions',
    )
    .argument('<site>', 'site code')
    .argument('<round>', 'round label')
    .argument('<file>', 'CSV/XLSX/JSON: code, outcome [, replaces] [, slot] [, arrival_number]')
    .option('--slot-arrivals <file>', 'time-location: slot, arrivals (people counted in each drawn slot)')
    .option(...ORG_OPTION)
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
outcome: completed | refused | not_eligible | not_contacted. A row with a new code and "replaces"
adds a replacement for a refused, not eligible or not contacted selection (it stands for it in the
weights); a row with a new code and "slot" adds a person intercepted in a drawn slot. All or nothing.`,
    )
    .action(
      async (
        code: string,
        label: string,
        file: string,
        options: { slotArrivals?: string; org?: string; json?: boolean },
      ) => {
        const table = await readTableFile(file);
        requireColumns(table, 'code', 'outcome');
        const outcomes: FieldOutcome[] = table.rows.map((row, index) => {
          const outcome = row.outcome as SelectionOutcomeValue;
          if (!['completed', 'refused', 'not_eligible', 'not_contacted'].includes(outcome))
            throw invalidInput(`${table.file} has an unknown outcome`, [
              {
                file: table.file,
                row: index + 2,
                column: 'outcome',
                value: row.outcome,
                reason: 'is not completed, refused, not_eligible or not_contacted',
              },
            ]);
          return {
            code: row.code,
            outcome: outcome as FieldOutcome['outcome'],
            replaces: row.replaces || null,
            slot: row.slot || null,
            arrivalNumber: row.arrival_number ? numberCell(table, index, 'arrival_number') : null,
          };
        });
        const arrivalsTable = options.slotArrivals ? await readTableFile(options.slotArrivals) : undefined;
        if (arrivalsTable) requireColumns(arrivalsTable, 'slot', 'arrivals');
        const slotArrivals =
          arrivalsTable?.rows.map((row, index) => ({
            slot: row.slot,
            arrivals: numberCell(arrivalsTable, index, 'arrivals'),
          })) ?? [];
        const result = await withStore(async (store) => {
          const found = await siteOf(store, code, options.org);
          const round = await findRound(store.database, found.id, label);
          return store.database.transaction((transaction) =>
            recordFieldOutcomes(transaction, round, outcomes, slotArrivals, commandLineActor(), table.file),
          );
        });
        if (options.json) return printJson(result);
        process.stdout.write(`${result.updated} outcomes recorded, ${result.added} selections added\n`);
      },
    );
}

async function readForm(source: string | undefined): Promise<XlsForm> {
  return readXlsFormFile(source ?? DEFAULT_INSTRUMENT_FOLDER);
}

function registerInstrumentCommands(sentinel: Command): void {
  const instrument = sentinel
    .command('instrument')
    .description('questionnaires (XLSForm), versioned with stable question ids');
  instrument
    .command('diff')
    .description(
      'show how a form differs from the latest stored version of the same form id, before using it',
    )
    .argument(
      '[form]',
      `XLSForm (.xlsx) or a folder of survey/choices/settings CSV (default ${DEFAULT_INSTRUMENT_FOLDER})`,
    )
    .option('--json', 'print the diff as JSON')
    .action(async (source: string | undefined, options: { json?: boolean }) => {
      const form = await readForm(source);
      const { diff } = await withStore((store) => prepareInstrument(store.database, form));
      if (options.json) return printJson(diff);
      process.stdout.write(`${describeDiff(diff).join('\n')}\n`);
    });
  instrument
    .command('import')
    .description('store a form version (question ids carried over from the latest version); prints its diff')
    .argument(
      '[form]',
      `XLSForm (.xlsx) or a folder of survey/choices/settings CSV (default ${DEFAULT_INSTRUMENT_FOLDER})`,
    )
    .option('--json', 'print the stored version and its diff as JSON')
    .action(async (source: string | undefined, options: { json?: boolean }) => {
      const form = await readForm(source);
      const result = await withStore((store) =>
        store.database.transaction((transaction) => importInstrument(transaction, form, commandLineActor())),
      );
      if (options.json)
        return printJson({
          id: result.instrument.id,
          formId: result.instrument.formId,
          version: result.instrument.version,
          created: result.created,
          diff: result.diff,
        });
      process.stdout.write(
        `${result.created ? 'stored' : 'already stored'}: ${result.instrument.formId} version ${result.instrument.version}\n${describeDiff(result.diff).join('\n')}\n`,
      );
    });
  instrument
    .command('list')
    .description('list stored instrument versions')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean }) => {
      const instruments = await withStore((store) => listInstruments(store.database));
      if (options.json) return printJson(instruments);
      printTable(instruments.map(({ definitionHash: _hash, ...rest }) => rest));
    });
  instrument
    .command('export')
    .description(
      'write a form as an XLSForm workbook for KoBoToolbox or ODK (the source folder, or a stored version)',
    )
    .argument('[form]', `a folder or .xlsx (default ${DEFAULT_INSTRUMENT_FOLDER})`)
    .requiredOption('--xlsx <file>', 'the workbook to write')
    .option('--form-id <id>', 'export a stored version instead of a source')
    .option('--version <version>', 'with --form-id: the version (default the latest)')
    .action(
      async (source: string | undefined, options: { xlsx: string; formId?: string; version?: string }) => {
        const form = options.formId
          ? (
              await withStore((store) =>
                findInstrument<XlsForm>(store.database, options.formId as string, options.version),
              )
            ).definition
          : await readForm(source);
        await writeFile(options.xlsx, await writeXlsFormWorkbook(form));
        process.stdout.write(
          `${form.settings.formId} version ${form.settings.version} written to ${options.xlsx}\n`,
        );
      },
    );
}

function registerSubmissionCommands(sentinel: Command): void {
  const submissions = sentinel
    .command('submissions')
    .description('KoBoToolbox / ODK Central submission exports');
  submissions
    .command('import')
    .description('import an export (CSV or XLSX) into a round against an instrument version, all or nothing')
    .argument('<site>', 'site code')
    .argument('<round>', 'round label')
    .argument('<file>', 'the export')
    .requiredOption('--form-id <id>', 'the instrument (form_id)')
    .option('--version <version>', 'the instrument version (default the latest stored)')
    .option(...ORG_OPTION)
    .option('--json', 'print the import report as JSON')
    .addHelpText(
      'after',
      `
Columns are question paths (group/question or group-question, or bare names), select_multiple
space-separated or one column per choice; the instance id comes from meta/instanceID or _uuid.
Every row is checked (types, choices, constraints, relevance, required answers, the selection code
against the round's plan, instance ids not imported before); any problem refuses the whole file with
each problem's row and question. Answers to questions that are not relevant are errors (ODK never
submits them).`,
    )
    .action(
      async (
        code: string,
        label: string,
        file: string,
        options: { formId: string; version?: string; org?: string; json?: boolean },
      ) => {
        const { table, bytes } = await readSubmissionFile(file);
        const report = await withStore(async (store) => {
          const found = await siteOf(store, code, options.org);
          const round = await findRound(store.database, found.id, label);
          const instrument = await findInstrument<XlsForm>(store.database, options.formId, options.version);
          return importSubmissions(store.database, store.cipher, {
            site: found,
            round,
            instrument,
            table,
            bytes,
            actor: commandLineActor(),
            today: new Date().toISOString().slice(0, 10),
          });
        });
        if (options.json) return printJson(report);
        process.stdout.write(
          `${basename(file)}: ${report.imported} interviews into ${code} ${label} (${report.instrument.formId} version ${report.instrument.version}), batch ${report.batchId}\n`,
        );
        for (const warning of report.weightWarnings) process.stdout.write(`  weights: ${warning}\n`);
      },
    );
  submissions
    .command('list')
    .description("list a site's interviews (no personal answers)")
    .argument('<site>', 'site code')
    .option('--round <round>', 'one round')
    .option(...ORG_OPTION)
    .option('--json', 'print them as JSON, with answers')
    .action(async (code: string, options: { round?: string; org?: string; json?: boolean }) => {
      const interviews = await withStore(async (store) => {
        const found = await siteOf(store, code, options.org);
        const round = options.round ? await findRound(store.database, found.id, options.round) : undefined;
        return listInterviews(store.database, { siteId: found.id, roundId: round?.id });
      });
      if (options.json) return printJson(interviews);
      printTable(
        interviews.map((item) => ({
          instance: item.instanceId,
          selection: item.selectionCode,
          date: item.interviewedOn,
          probability: item.selectionProbability,
          designWeight: item.designWeight,
          weight: item.weight,
        })),
      );
    });
}

function registerClassifyCommand(sentinel: Command): void {
  sentinel
    .command('classify')
    .description("classify a site's stored interviews by a rule set and store the determinations")
    .argument('<site>', 'site code')
    .option('--round <round>', 'one round (default every round)')
    .option('--rules <name|file>', 'ilo-2012 | palermo | a rule set file (.json, .yaml)', 'ilo-2012')
    .option('--compare <name|file>', 'a second rule set: agreement table and kappa (not stored)')
    .option(...ORG_OPTION)
    .option('--json', 'print the summary (and stored determinations with --details) as JSON')
    .option('--details', 'with --json: include every determination')
    .addHelpText(
      'after',
      `
The rule set is stored under its fingerprint with the determinations, so classifying again after a
rule change keeps both and re-running a stored rule set gives the same result.`,
    )
    .action(
      async (
        code: string,
        options: {
          round?: string;
          rules: string;
          compare?: string;
          org?: string;
          json?: boolean;
          details?: boolean;
        },
      ) => {
        const ruleSet = await loadRuleSet(options.rules);
        const compareWith = options.compare ? await loadRuleSet(options.compare) : undefined;
        const { summary, determinations } = await withStore(async (store) => {
          const found = await siteOf(store, code, options.org);
          const round = options.round ? await findRound(store.database, found.id, options.round) : undefined;
          const result = await classifyInterviews(store.database, {
            site: found,
            round,
            ruleSet,
            compareWith,
            actor: commandLineActor(),
          });
          return {
            summary: result,
            determinations: options.details
              ? await listDeterminations(store.database, {
                  siteId: found.id,
                  roundId: round?.id,
                  fingerprint: result.ruleSet.fingerprint,
                })
              : undefined,
          };
        });
        if (options.json) return printJson({ ...summary, ...(determinations ? { determinations } : {}) });
        process.stdout.write(
          `${summary.ruleSet.id} ${summary.ruleSet.version} (${summary.ruleSet.fingerprint}) on ${summary.interviews} interviews: ${summary.counts.trafficked} trafficked, ${summary.counts.not_trafficked} not, ${summary.counts.undetermined} undetermined\n`,
        );
        if (summary.comparison)
          process.stdout.write(
            `agreement with ${summary.comparison.second.id}: ${summary.comparison.allStatuses.observedAgreement?.toFixed(3)}, kappa ${summary.comparison.allStatuses.kappa?.toFixed(3) ?? 'n/a'}\n`,
          );
      },
    );
}
