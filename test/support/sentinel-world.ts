import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InterviewAnswers, SystematicPlan } from '../../src/analytics/surveillance/index.ts';
import { parseDelimitedText, type Table } from '../../src/ingest/read-table.ts';
import { planRound, registerSite } from '../../src/server/services/sentinel.ts';
import type { Database } from '../../src/store/database.ts';
import { createOrganisation, type Organisation } from '../../src/store/repositories/organisations.ts';
import { createRound, type SentinelRound } from '../../src/store/repositories/sentinel-rounds.ts';
import { recordOfficialCount, type SentinelSite } from '../../src/store/repositories/sentinel-sites.ts';
import { writeWorld } from '../../src/synth/index.ts';

/** One line of the synthetic world's sentinel/round_plans.ndjson: a systematic round's plan and count. */
export interface RoundPlanLine {
  period: string;
  periodStart: string;
  periodEnd: string;
  officialCount: number;
  interval: number;
  randomStart: number;
}

/** The first sentinel round of a small synthetic world, as the sentinel store tests use it. */
export interface SentinelWorld {
  /** Round R1's plan line. */
  plan: RoundPlanLine;
  /** The KoBo export's rows of round R1. */
  exportTable: Table;
  /** The world's canonical answers by the export's instance id. */
  truth: Map<string, InterviewAnswers>;
}

/** Writes the world (seed 5, 1,500 people, 60 weeks) into `folder` and reads round R1 back. */
export async function writeSentinelWorld(folder: string): Promise<SentinelWorld> {
  const world = join(folder, 'world');
  await writeWorld({ seed: 5, people: 1500, scenario: 'baseline', weeks: 60 }, world);
  const plan = JSON.parse(
    readFileSync(join(world, 'sentinel/round_plans.ndjson'), 'utf8').split('\n')[0],
  ) as RoundPlanLine;
  const table = parseDelimitedText(
    readFileSync(join(world, 'sentinel/kobo_submissions.csv'), 'utf8'),
    'kobo.csv',
  );
  const exportTable = {
    ...table,
    rows: table.rows.filter((row) => row['selection/selection_code'].startsWith('R1-')),
  };
  const truth = new Map(
    readFileSync(join(world, 'samples/sentinel_answers.ndjson'), 'utf8')
      .split('\n')
      .filter((line) => line)
      .map((line) => JSON.parse(line) as InterviewAnswers)
      .map((answers) => [
        `5e471e01-0000-4000-8000-${answers.interviewId.slice(4).padStart(12, '0')}`,
        answers,
      ]),
  );
  return { plan, exportTable, truth };
}

/** The plan line as the systematic plan SIREN stores: one stratum `poipet|<period>`. */
function systematicPlanOf(line: RoundPlanLine): SystematicPlan {
  const selectedArrivals: number[] = [];
  for (let arrival = line.randomStart; arrival <= line.officialCount; arrival += line.interval)
    selectedArrivals.push(arrival);
  return {
    kind: 'systematic',
    seed: null,
    strata: [
      {
        stratum: `poipet|${line.period}`,
        site: 'poipet',
        week: line.period,
        expectedCount: line.officialCount,
        sampleSize: selectedArrivals.length,
        interval: line.interval,
        randomStart: line.randomStart,
        selectionProbability: 1 / line.interval,
        selectedArrivals,
      },
    ],
  };
}

/**
 * Stores round R1 as a field team would: an organisation, the Poipet site, the period's official
 * count, the round and its given plan. The round is returned with its plan, as the store reads it.
 */
export async function storeSentinelRound(
  database: Database,
  plan: RoundPlanLine,
): Promise<{ organisation: Organisation; site: SentinelSite; round: SentinelRound }> {
  const organisation = await createOrganisation(database, 'Sentinel team');
  const site = await registerSite(database, {
    code: 'poipet',
    name: 'Poipet',
    place: 'Banteay Meanchey',
    crossing: 'Poipet',
    populationServed: 'deportees from Thailand',
    organisationId: organisation.id,
  });
  await recordOfficialCount(
    database,
    {
      siteId: site.id,
      period: plan.period,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      count: plan.officialCount,
      source: 'synthetic',
    },
    'test',
  );
  const round = await createRound(
    database,
    {
      siteId: site.id,
      label: 'R1',
      startsOn: plan.periodStart,
      endsOn: plan.periodEnd,
      team: 'A',
      targetSampleSize: 400,
    },
    'test',
  );
  const systematic = systematicPlanOf(plan);
  await planRound(database, site, round, { kind: 'given', plan: systematic });
  return { organisation, site, round: { ...round, planKind: 'systematic', plan: systematic } };
}
