import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  determineTrafficking,
  estimateSentinelIndicators,
  ILO_2012_FORCED_LABOUR_RULES,
  type InterviewAnswers,
  SENTINEL_INDICATORS,
} from '../../src/analytics/surveillance/index.ts';
import type { Table } from '../../src/ingest/read-table.ts';
import { readXlsFormFile } from '../../src/ingest/xlsform/index.ts';
import { renderDatasheetHtml, renderDatasheetPdf } from '../../src/reports/index.ts';
import {
  classifyInterviews,
  importInstrument,
  importSubmissions,
} from '../../src/server/services/sentinel.ts';
import {
  sentinelBrokerNetwork,
  sentinelDatasheet,
  sentinelRoundIndicators,
} from '../../src/server/services/sentinel-reports.ts';
import type { Database } from '../../src/store/database.ts';
import { listAudit } from '../../src/store/repositories/audit.ts';
import { listInterviews } from '../../src/store/repositories/sentinel-interviews.ts';
import { describeOnEachDatabase, testCipher } from '../support/databases.ts';
import { type RoundPlanLine, storeSentinelRound, writeSentinelWorld } from '../support/sentinel-world.ts';

/**
 * The whole sentinel chain over a stored round: synthetic world → site, round and plan → default
 * instrument → KoBo export → ILO 2012 classification → indicators → broker network → data sheet.
 * The world asks no remittance or school drop-out questions (its export leaves them blank), so the
 * test answers them in the export, as a field team would, to show they reach the indicators.
 */
const folder = mkdtempSync(join(tmpdir(), 'siren-sentinel-chain-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let plan: RoundPlanLine;
let exportTable: Table;
let truth: Map<string, InterviewAnswers>;

beforeAll(async () => {
  const world = await writeSentinelWorld(folder);
  plan = world.plan;
  truth = world.truth;
  exportTable = {
    ...world.exportTable,
    rows: world.exportTable.rows.map((row, index) => {
      if (row['selection/consent'] !== 'OK') return row;
      const recruitedAt = row['person/age_at_recruitment'];
      const child = recruitedAt !== '' && Number(recruitedAt) < 18;
      return {
        ...row,
        'family/sent_remittances': index % 3 === 0 ? 'no' : 'yes',
        'person/dropped_out_of_school': child ? (index % 2 === 0 ? 'yes' : 'no') : '',
      };
    }),
  };
}, 120_000);

describeOnEachDatabase(
  'sentinel chain: synthetic world → stored round → indicators, brokers, data sheet',
  (target) => {
    let database: Database;
    beforeAll(async () => {
      database = await target.open();
    });
    afterAll(async () => {
      await database.close();
    });

    it('answers every indicator from stored interviews, equal to the pure estimate on the world, and publishes a suppressed data sheet', async () => {
      const cipher = testCipher();
      const { organisation, site, round } = await storeSentinelRound(database, plan);
      const { instrument } = await importInstrument(
        database,
        await readXlsFormFile('instruments/sentinel-interview'),
        'test',
      );
      await importSubmissions(database, cipher, {
        site,
        round,
        instrument,
        table: exportTable,
        bytes: Buffer.from('export'),
        actor: 'test',
        today: '2030-01-01',
      });
      await classifyInterviews(database, { site, ruleSet: ILO_2012_FORCED_LABOUR_RULES, actor: 'test' });

      const scope = { organisationId: organisation.id, site: null };
      const report = await sentinelRoundIndicators(database, { scope, round: 'R1' });
      const estimated = report.indicators.indicators.map((item) => item.indicator);
      expect(estimated).toEqual(SENTINEL_INDICATORS.map((definition) => definition.key));
      expect(report.warnings.filter((warning) => warning.includes('not answered'))).toEqual([]);
      for (const item of report.indicators.indicators)
        expect(Number.isFinite(item.overall.estimate)).toBe(true);
      const byKey = (key: string) => report.indicators.indicators.find((item) => item.indicator === key)!;
      expect(byKey('remitted').overall.estimate).toBeGreaterThan(0.5);
      expect(byKey('dropped_out_of_school').positives).toBeGreaterThan(0);
      expect(report.indicators.officialCount).toBe(plan.officialCount);
      const extrapolated = report.indicators.extrapolated!;
      expect(extrapolated.trafficked.estimate).toBeCloseTo(
        byKey('trafficked').overall.estimate * plan.officialCount,
        6,
      );
      expect(extrapolated.misidentifiedDeported.ci.lower).toBeLessThanOrEqual(
        extrapolated.misidentifiedDeported.estimate,
      );
      expect(report.indicators.brokerFees.mean!.estimate).toBeGreaterThan(0);

      const interviews = await listInterviews(database, { siteId: site.id, roundId: round.id });
      const worldAnswers = interviews.map((interview) => truth.get(interview.instanceId) as InterviewAnswers);
      const determined = determineTrafficking(worldAnswers, ILO_2012_FORCED_LABOUR_RULES);
      const pure = estimateSentinelIndicators(
        {
          interviews: worldAnswers.map((answers, i) => ({
            answers,
            determination: determined.determinations[i].status,
          })),
          design: {
            weights: interviews.map(() => plan.interval),
            strata: interviews.map(() => `poipet|${plan.period}`),
          },
          officialCount: plan.officialCount,
        },
        { by: [], designOptions: { lonelyUnit: 'adjust' } },
      );
      const pureShare = pure.indicators.find((item) => item.indicator === 'trafficked')!.overall;
      expect(byKey('trafficked').overall.estimate).toBeCloseTo(pureShare.estimate, 10);
      expect(byKey('trafficked').overall.ci.lower).toBeCloseTo(pureShare.ci.lower, 8);
      expect(byKey('trafficked').overall.ci.upper).toBeCloseTo(pureShare.ci.upper, 8);

      const network = await sentinelBrokerNetwork(database, cipher, interviews, {
        actor: 'test-analyst',
        organisationId: organisation.id,
      });
      const exportedNames = new Set(exportTable.rows.map((row) => row['broker/broker_name']).filter(Boolean));
      expect(network.namedBySeveral.length).toBeGreaterThan(0);
      const [topBroker] = network.namedBySeveral;
      expect(topBroker.respondents).toBeGreaterThanOrEqual(2);
      for (const name of topBroker.names) expect(exportedNames.has(name)).toBe(true);
      const mostNamed = topBroker.names[0];

      const model = await sentinelDatasheet(
        database,
        cipher,
        { scope, round: 'R1' },
        {
          provinces: [],
          generatedOn: '2030-01-01',
          audit: { actor: 'test-reader', organisationId: organisation.id },
        },
      );
      const threshold = model.disclosure.threshold;
      expect(threshold).toBeGreaterThan(1);
      expect(model.originProvinces.length).toBeGreaterThan(0);
      for (const item of [...model.originProvinces, ...model.routes])
        expect(item.interviews === null || item.interviews === 0 || item.interviews >= threshold).toBe(true);
      for (const broker of model.brokers) expect(broker.respondents).toBeGreaterThanOrEqual(threshold);
      const html = renderDatasheetHtml(model);
      expect(html).toContain('Key figures');
      expect(html).not.toContain(mostNamed);
      const pdf = await renderDatasheetPdf(model);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(2000);
      const audit = await listAudit(database, {
        organisationId: organisation.id,
        limit: 10,
        action: 'sentinel.personal_answers.read',
      });
      expect(audit.map((entry) => entry.actor).sort()).toEqual(['test-analyst', 'test-reader']);
    }, 120_000);
  },
);
