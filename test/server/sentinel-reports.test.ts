import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  estimateSentinelIndicators,
  ILO_2012_FORCED_LABOUR_RULES,
  ruleSetFingerprint,
} from '../../src/analytics/surveillance/index.ts';
import { renderDatasheetHtml } from '../../src/reports/index.ts';
import { sentinelDatasheet, sentinelRoundIndicators } from '../../src/server/services/sentinel-reports.ts';
import type { Database } from '../../src/store/database.ts';
import { listAudit } from '../../src/store/repositories/audit.ts';
import { createOrganisation } from '../../src/store/repositories/organisations.ts';
import { saveRuleSet, storeDeterminations } from '../../src/store/repositories/sentinel-determinations.ts';
import { saveInstrument } from '../../src/store/repositories/sentinel-instruments.ts';
import {
  createSubmissionBatch,
  insertInterviews,
  listInterviews,
  updateInterviewWeights,
} from '../../src/store/repositories/sentinel-interviews.ts';
import { createRound, listSelections, setRoundPlan } from '../../src/store/repositories/sentinel-rounds.ts';
import { createSite, recordOfficialCount } from '../../src/store/repositories/sentinel-sites.ts';
import { syntheticSentinelRounds } from '../analytics/surveillance/indicators-synthetic.ts';
import { describeOnEachDatabase, testCipher } from '../support/databases.ts';

const rounds = syntheticSentinelRounds(6, 40_000, 52);
const DATES = [
  ['2021-01-04', '2021-04-04'],
  ['2021-07-05', '2021-10-03'],
];

describeOnEachDatabase('sentinel reports over stored interviews', (target) => {
  let database: Database;
  const cipher = testCipher();
  let organisationId = 0;
  beforeAll(async () => {
    database = await target.open();
    const organisation = await createOrganisation(database, 'Sentinel reports NGO');
    organisationId = Number(organisation.id);
    const site = await createSite(database, {
      code: 'poipet',
      name: 'Poipet',
      placeCode: 'KH-1',
      crossingCode: 'KH-TH-01',
      populationServed: 'Deportees from Thailand through the Poipet checkpoint',
      organisationId,
    });
    const { instrument } = await saveInstrument(
      database,
      {
        formId: 'sentinel',
        version: '1',
        title: 'Sentinel',
        definition: {},
        definitionHash: 'h',
        previousId: null,
        diff: null,
      },
      'test',
    );
    const fingerprint = ruleSetFingerprint(ILO_2012_FORCED_LABOUR_RULES);
    await saveRuleSet(database, {
      fingerprint,
      ruleSetId: ILO_2012_FORCED_LABOUR_RULES.id,
      version: ILO_2012_FORCED_LABOUR_RULES.version,
      title: ILO_2012_FORCED_LABOUR_RULES.title,
      definition: ILO_2012_FORCED_LABOUR_RULES,
    });
    for (const [r, synthetic] of rounds.entries()) {
      const [startsOn, endsOn] = DATES[r];
      const round = await createRound(
        database,
        { siteId: site.id, label: `R${r + 1}`, startsOn, endsOn, team: 'A', targetSampleSize: 400 },
        'test',
      );
      await recordOfficialCount(
        database,
        {
          siteId: site.id,
          period: `R${r + 1}`,
          periodStart: startsOn,
          periodEnd: endsOn,
          count: synthetic.truth.population,
          source: 'immigration police',
        },
        'test',
      );
      const { weights, clusters } = synthetic.input.design as { weights: number[]; clusters?: string[][] };
      await setRoundPlan(
        database,
        round.id,
        {
          kind: synthetic.truth.plan === 'systematic' ? 'systematic' : 'time-location',
          seed: 1,
          definition: {},
        },
        synthetic.interviews.map((item, i) => ({
          code: item.interviewId,
          stratum: 'round',
          slot: clusters ? clusters[0][i] : null,
          selectionProbability: 1 / weights[i],
        })),
      );
      const selections = new Map((await listSelections(database, round.id)).map((s) => [s.code, s.id]));
      await database.transaction(async (transaction) => {
        const batchId = await createSubmissionBatch(transaction, {
          roundId: round.id,
          instrumentId: instrument.id,
          fileName: `R${r + 1}.csv`,
          fileHash: `h${r}`,
          rowCount: synthetic.interviews.length,
          importedBy: 'test',
        });
        await insertInterviews(
          transaction,
          cipher,
          batchId,
          synthetic.interviews.map((item, i) => ({
            instanceId: item.interviewId,
            organisationId,
            siteId: site.id,
            roundId: round.id,
            selectionId: Number(selections.get(item.interviewId)),
            instrumentId: instrument.id,
            rowNumber: i + 2,
            interviewedOn: startsOn,
            submittedAt: null,
            selectionProbability: 1 / weights[i],
            designWeight: weights[i],
            answers: { origin_province: item.originProvince },
            canonicalAnswers: {
              ...Object.fromEntries(Object.entries(item.answers).filter(([key]) => key !== 'interviewId')),
              originProvince: item.originProvince,
            },
            personalAnswers:
              item.brokerName || item.brokerPhone
                ? { broker_name: item.brokerName, broker_phone: item.brokerPhone }
                : {},
          })),
        );
      });
      const stored = await listInterviews(database, { siteId: site.id, roundId: round.id });
      await updateInterviewWeights(
        database,
        stored.map((item, i) => ({ interviewId: Number(item.id), weight: weights[i] })),
      );
      await storeDeterminations(
        database,
        {
          fingerprint,
          ruleSetId: ILO_2012_FORCED_LABOUR_RULES.id,
          version: ILO_2012_FORCED_LABOUR_RULES.version,
        },
        stored.map((item, i) => ({
          interviewId: Number(item.id),
          status: synthetic.input.interviews[i].determination,
          firedIndicators: [],
          unknownIndicators: [],
          decisions: {},
        })),
        'test',
      );
    }
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  it('gives the round indicators of the stored interviews, equal to the pure estimate from the same weights', async () => {
    const scope = { organisationId, site: null };
    const report = await sentinelRoundIndicators(database, { scope, round: 'R2' });
    const pure = estimateSentinelIndicators(rounds[1].input);
    const share = (indicators: typeof pure) =>
      indicators.indicators.find((item) => item.indicator === 'trafficked')!.overall;
    expect(share(report.indicators).estimate).toBeCloseTo(share(pure).estimate, 10);
    expect(report.indicators.officialCount).toBe(rounds[1].truth.population);
    expect(report.indicators.extrapolated!.trafficked.estimate).toBeCloseTo(
      share(pure).estimate * rounds[1].truth.population,
      6,
    );
    expect(report.ruleSet!.id).toBe(ILO_2012_FORCED_LABOUR_RULES.id);
    const trend = report.trends.find((item) => item.indicator === 'trafficked')!;
    expect(trend.rounds.map((point) => point.round)).toEqual(['R1', 'R2']);
    expect(trend.changeFromPrevious).not.toBeNull();
    await expect(sentinelRoundIndicators(database, { scope, round: 'R9' })).rejects.toThrow(/no round "R9"/);
    await expect(
      sentinelRoundIndicators(database, {
        scope: { organisationId: organisationId + 1000, site: null },
        round: 'R2',
      }),
    ).rejects.toThrow(/no round/);
  });

  it('builds the suppressed data sheet, auditing the read of brokers named in personal answers', async () => {
    const model = await sentinelDatasheet(
      database,
      cipher,
      { scope: { organisationId, site: null }, round: 'R2' },
      {
        provinces: [],
        generatedOn: '2026-11-23',
        audit: { actor: 'test-reader', organisationId },
      },
    );
    expect(model.round.interviews).toBe(rounds[1].interviews.length);
    for (const item of model.originProvinces)
      if (item.interviews !== null) expect(item.interviews === 0 || item.interviews >= 5).toBe(true);
    const audit = await listAudit(database, {
      organisationId,
      limit: 10,
      action: 'sentinel.personal_answers.read',
    });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe('test-reader');
    expect(renderDatasheetHtml(model)).not.toContain(
      rounds[1].interviews.find((item) => item.brokerName)!.brokerName!,
    );
  });
});
