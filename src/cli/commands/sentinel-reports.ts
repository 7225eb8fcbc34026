import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SENTINEL_BREAKDOWNS, type SentinelBreakdown } from '../../analytics/surveillance/index.ts';
import { UserError } from '../../domain/errors.ts';
import { type ProvinceFeature, renderDatasheetHtml, renderDatasheetPdf } from '../../reports/index.ts';
import {
  type RoundReference,
  roundIndicatorsBody,
  sentinelDatasheet,
  sentinelRoundIndicators,
} from '../../server/services/sentinel-reports.ts';
import type { Queryable } from '../../store/database.ts';
import { findOrganisationByName, firstOrganisation } from '../../store/repositories/organisations.ts';
import { commandLineActor, withStore } from '../context.ts';
import { printJson, printTable } from '../output.ts';

/**
 * `siren sentinel indicators` and `siren sentinel datasheet`: a round's indicators with their 95%
 * intervals, breakdowns, extrapolation and trends; the site data sheet as HTML or PDF (suppressed
 * for readers). Registered under `siren sentinel` by the sentinel command family.
 */

const BOUNDARIES = new URL('../../../generated/gms-admin1.geojson', import.meta.url);

interface ReportFlags {
  site?: string;
  round: string;
  rules?: string;
  org?: string;
}

async function reference(db: Queryable, flags: ReportFlags): Promise<RoundReference> {
  const organisation = flags.org ? await findOrganisationByName(db, flags.org) : await firstOrganisation(db);
  if (!organisation)
    throw new UserError(
      flags.org ? `organisation "${flags.org}" does not exist` : 'no organisation yet: add a site first',
      'not_found',
    );
  return {
    scope: { organisationId: Number(organisation.id), site: null },
    ...(flags.site ? { site: flags.site } : {}),
    round: flags.round,
    ...(flags.rules ? { ruleSet: flags.rules } : {}),
  };
}

function breakdowns(text: string | undefined): SentinelBreakdown[] | undefined {
  if (text === undefined) return undefined;
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names)
    if (!SENTINEL_BREAKDOWNS.includes(name as SentinelBreakdown))
      throw new UserError(
        `--by: unknown breakdown "${name}" (choose from ${SENTINEL_BREAKDOWNS.join(', ')})`,
        'invalid_input',
      );
  return names as SentinelBreakdown[];
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

function withReportOptions(command: Command): Command {
  return command
    .requiredOption('--round <round>', 'round label or id')
    .option('--site <site>', 'site code (needed only when the organisation runs several sites)')
    .option(
      '--rules <rule set>',
      'rule set id or fingerprint (needed only when several classified the round)',
    )
    .option('--org <organisation>', 'organisation that runs the site (default: the first one)');
}

export function registerSentinelReportCommands(sentinel: Command): void {
  withReportOptions(
    sentinel
      .command('indicators')
      .description(
        "a round's indicators: design-based shares with 95% intervals, by site, sex, age group and destination; the extrapolation to the site's official count; the change from the previous round and the trend",
      ),
  )
    .option('--by <list>', `breakdowns, comma-separated (${SENTINEL_BREAKDOWNS.join(',')})`)
    .option('--json', 'print everything as JSON')
    .addHelpText('after', '\nExample:\n  siren sentinel indicators --round R2 --by sex,age_group --json\n')
    .action(async (flags: ReportFlags & { by?: string; json?: boolean }) => {
      const by = breakdowns(flags.by);
      const report = await withStore(async (store) =>
        sentinelRoundIndicators(store.database, await reference(store.database, flags), by),
      );
      if (flags.json) {
        printJson(roundIndicatorsBody(report));
        return;
      }
      const trendOf = new Map(report.trends.map((trend) => [trend.indicator, trend]));
      printTable(
        report.indicators.indicators.map((item) => {
          const change = trendOf.get(item.indicator)?.changeFromPrevious;
          return {
            indicator: item.indicator,
            share: percent(item.overall.estimate),
            '95% CI': `${percent(item.overall.ci.lower)}–${percent(item.overall.ci.upper)}`,
            n: item.overall.rowsUsed,
            'change (p)': change
              ? `${(100 * change.difference).toFixed(1)} pts (${change.pValue.toFixed(3)})`
              : '',
          };
        }),
      );
      const extrapolated = report.indicators.extrapolated;
      if (extrapolated)
        console.log(
          `\nOf ${extrapolated.trafficked.populationCount.toLocaleString('en')} in the official count: ${Math.round(extrapolated.trafficked.estimate).toLocaleString('en')} trafficked (95% CI ${Math.round(extrapolated.trafficked.ci.lower).toLocaleString('en')}–${Math.round(extrapolated.trafficked.ci.upper).toLocaleString('en')}), ${Math.round(extrapolated.misidentifiedDeported.estimate).toLocaleString('en')} of them deported as illegal migrants (95% CI ${Math.round(extrapolated.misidentifiedDeported.ci.lower).toLocaleString('en')}–${Math.round(extrapolated.misidentifiedDeported.ci.upper).toLocaleString('en')})`,
        );
      for (const warning of report.warnings) console.error(`warning: ${warning}`);
    });

  withReportOptions(
    sentinel
      .command('datasheet')
      .description(
        "the site data sheet of a round as HTML or PDF (by the file's extension): key figures with intervals, trends, origin map, routes, broker payments, method; small cells suppressed",
      ),
  )
    .requiredOption('--out <file>', 'FILE.html or FILE.pdf')
    .option('--json', 'print the data sheet model (what the file shows) as JSON')
    .addHelpText('after', '\nExample:\n  siren sentinel datasheet --round R2 --out poipet-R2.pdf\n')
    .action(async (flags: ReportFlags & { out: string; json?: boolean }) => {
      const format = /\.pdf$/i.test(flags.out) ? 'pdf' : /\.html?$/i.test(flags.out) ? 'html' : null;
      if (format === null)
        throw new UserError(`--out must end in .html or .pdf, got "${flags.out}"`, 'invalid_input');
      const provinces: ProvinceFeature[] = existsSync(BOUNDARIES)
        ? JSON.parse(await readFile(BOUNDARIES, 'utf8')).features
        : [];
      const model = await withStore(async (store) =>
        sentinelDatasheet(store.database, store.cipher, await reference(store.database, flags), {
          provinces,
          generatedOn: new Date().toISOString().slice(0, 10),
          audit: { actor: commandLineActor() },
        }),
      );
      await writeFile(
        flags.out,
        format === 'pdf' ? await renderDatasheetPdf(model, provinces) : renderDatasheetHtml(model, provinces),
      );
      if (flags.json) printJson(model);
      else
        console.log(
          `wrote ${flags.out} (${model.title})${provinces.length === 0 ? '; no map: run npm run build for the boundaries' : ''}`,
        );
    });
}
