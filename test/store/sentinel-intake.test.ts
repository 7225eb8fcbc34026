import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  determineTrafficking,
  ILO_2012_FORCED_LABOUR_RULES,
  type InterviewAnswers,
  PALERMO_PROTOCOL_RULES,
} from '../../src/analytics/surveillance/index.ts';
import type { UserError } from '../../src/domain/errors.ts';
import type { Table } from '../../src/ingest/read-table.ts';
import { readXlsFormFile, type XlsForm } from '../../src/ingest/xlsform/index.ts';
import {
  classifyInterviews,
  importInstrument,
  importSubmissions,
  planRound,
  recordFieldOutcomes,
  registerSite,
} from '../../src/server/services/sentinel.ts';
import type { Database } from '../../src/store/database.ts';
import { createOrganisation } from '../../src/store/repositories/organisations.ts';
import { findRuleSet, listDeterminations } from '../../src/store/repositories/sentinel-determinations.ts';
import { listInterviews } from '../../src/store/repositories/sentinel-interviews.ts';
import { createRound, listSelections } from '../../src/store/repositories/sentinel-rounds.ts';
import { recordOfficialCount } from '../../src/store/repositories/sentinel-sites.ts';
import { describeOnEachDatabase, testCipher } from '../support/databases.ts';
import { type RoundPlanLine, storeSentinelRound, writeSentinelWorld } from '../support/sentinel-world.ts';

const folder = mkdtempSync(join(tmpdir(), 'siren-sentinel-intake-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let plan: RoundPlanLine;
let exportTable: Table;
let truth: Map<string, InterviewAnswers>;
let form: XlsForm;

beforeAll(async () => {
  ({ plan, exportTable, truth } = await writeSentinelWorld(folder));
  form = await readXlsFormFile('instruments/sentinel-interview');
}, 120_000);

describeOnEachDatabase(
  'sentinel intake: synthetic world → instrument → submissions → classification',
  (target) => {
    let database: Database;
    beforeAll(async () => {
      database = await target.open();
    });
    afterAll(async () => {
      await database.close();
    });

    it('imports the KoBo export of a round with canonical answers equal to the truth, weights from the plan and counts, and classifies', async () => {
      const cipher = testCipher();
      const { site, round } = await storeSentinelRound(database, plan);
      expect(site).toMatchObject({ placeCode: 'KH-1', crossingCode: 'KH-TH-01' });
      const { instrument } = await importInstrument(database, form, 'test');

      const input = {
        site,
        round,
        instrument,
        table: exportTable,
        bytes: Buffer.from('export'),
        actor: 'test',
        today: '2030-01-01',
      };
      const result = await importSubmissions(database, cipher, input);
      expect(result.imported).toBe(exportTable.rows.length);
      const interviews = await listInterviews(database, { siteId: site.id, roundId: round.id });
      for (const interview of interviews) {
        const { interviewId: _id, ...answers } = truth.get(interview.instanceId) as InterviewAnswers;
        const { originProvince: _province, ...determinationKeys } = interview.canonicalAnswers;
        expect(determinationKeys).toEqual(answers);
        expect(interview.designWeight).toBe(plan.interval);
      }
      const weightSum = interviews.reduce((sum, interview) => sum + (interview.weight ?? 0), 0);
      expect(weightSum).toBeCloseTo(plan.officialCount, 6);

      await expect(importSubmissions(database, cipher, input)).rejects.toThrow(
        /was imported before: duplicate submissions are refused/,
      );

      const bad: Record<string, string>[] = exportTable.rows.slice(0, 2).map((row, index) => ({
        ...row,
        'meta/instanceID': `uuid:new-${index}`,
        _uuid: `new-${index}`,
      }));
      bad[0]['person/age'] = 'thirty';
      bad[1]['selection/selection_code'] = 'R1-A999999';
      let error: UserError | undefined;
      try {
        await importSubmissions(database, cipher, {
          ...input,
          table: { ...exportTable, file: 'bad.csv', rows: bad },
        });
      } catch (caught) {
        error = caught as UserError;
      }
      expect(error?.message).toContain('bad.csv, row 2, column person/age: "thirty" is not a whole number');
      error = undefined;
      try {
        await importSubmissions(database, cipher, {
          ...input,
          table: {
            ...exportTable,
            file: 'bad.csv',
            rows: [exportTable.rows[0], bad[1]].map((row, index) => ({
              ...row,
              _uuid: `z-${index}`,
              'meta/instanceID': `uuid:z-${index}`,
            })),
          },
        });
      } catch (caught) {
        error = caught as UserError;
      }
      expect(error?.message.split('\n').slice(1)).toEqual([
        `  bad.csv, row 2, column selection_code: "${exportTable.rows[0]['selection/selection_code']}" already has interview ${exportTable.rows[0]._uuid}`,
        '  bad.csv, row 3, column selection_code: "R1-A999999" is not a selection of round R1',
      ]);
      expect((await listInterviews(database, { siteId: site.id })).length).toBe(exportTable.rows.length);

      const ilo = await classifyInterviews(database, {
        site,
        ruleSet: ILO_2012_FORCED_LABOUR_RULES,
        compareWith: PALERMO_PROTOCOL_RULES,
        actor: 'test',
      });
      const reference = determineTrafficking(
        interviews.map((interview) => truth.get(interview.instanceId) as InterviewAnswers),
        ILO_2012_FORCED_LABOUR_RULES,
      );
      expect(ilo.counts).toEqual(reference.counts);
      expect(ilo.comparison?.second.id).toBe(PALERMO_PROTOCOL_RULES.id);

      const changed = { ...ILO_2012_FORCED_LABOUR_RULES, version: '1.0.1-test' };
      const again = await classifyInterviews(database, { site, ruleSet: changed, actor: 'test' });
      expect(again.ruleSet.fingerprint).not.toBe(ilo.ruleSet.fingerprint);
      const first = await listDeterminations(database, {
        siteId: site.id,
        fingerprint: ilo.ruleSet.fingerprint,
      });
      expect(first).toHaveLength(interviews.length);
      const storedRule = await findRuleSet(database, ilo.ruleSet.fingerprint);
      const rerun = determineTrafficking(
        interviews.map(
          (interview) =>
            ({ ...interview.canonicalAnswers, interviewId: interview.instanceId }) as InterviewAnswers,
        ),
        storedRule?.definition as typeof ILO_2012_FORCED_LABOUR_RULES,
      );
      expect(rerun.determinations.map((item) => item.status)).toEqual(first.map((item) => item.status));
    }, 120_000);

    it('draws a weekly systematic plan from official counts, records a refusal and its replacement, then fixes the plan', async () => {
      const organisation = await createOrganisation(database, 'Second team');
      const site = await registerSite(database, {
        code: 'bavet',
        name: 'Bavet',
        place: 'KH-20',
        populationServed: 'deportees from Vietnam',
        organisationId: organisation.id,
      });
      for (const [period, start, end, count] of [
        ['2024-W05', '2024-01-29', '2024-02-04', 700],
        ['2024-W06', '2024-02-05', '2024-02-11', 300],
      ] as const)
        await recordOfficialCount(
          database,
          { siteId: site.id, period, periodStart: start, periodEnd: end, count, source: '' },
          'test',
        );
      const round = await createRound(
        database,
        {
          siteId: site.id,
          label: '2024-R1',
          startsOn: '2024-01-29',
          endsOn: '2024-02-11',
          team: '',
          targetSampleSize: 100,
        },
        'test',
      );
      const { plan: drawn, selections } = await planRound(database, site, round, {
        kind: 'systematic',
        seed: 42,
      });
      const again = await planRound(database, site, round, { kind: 'systematic', seed: 42 });
      expect(again.selections).toEqual(selections);
      expect(
        drawn.kind === 'systematic' &&
          drawn.strata.map((stratum) => [stratum.stratum, stratum.sampleSize, stratum.interval]),
      ).toEqual([
        ['bavet|2024-W05', 70, 10],
        ['bavet|2024-W06', 30, 10],
      ]);
      const first = selections[0].code;
      const stored = { ...round, planKind: 'systematic' as const, plan: drawn };
      await expect(
        recordFieldOutcomes(
          database,
          stored,
          [{ code: `${first}+1`, outcome: 'completed', replaces: selections[1].code }],
          [],
          'test',
          'field.csv',
        ),
      ).rejects.toThrow(
        /field.csv: field outcomes refused[\s\S]*row 2, column replaces: "[^"]+" replaces a selection that was not refused/,
      );
      expect(
        await recordFieldOutcomes(
          database,
          stored,
          [
            { code: first, outcome: 'refused' },
            { code: `${first}+1`, outcome: 'completed', replaces: first },
          ],
          [],
          'test',
        ),
      ).toEqual({ updated: 1, added: 1 });
      const listed = await listSelections(database, round.id);
      expect(
        listed
          .filter((selection) => selection.outcome !== 'pending')
          .map((selection) => [
            selection.code,
            selection.outcome,
            selection.replacement,
            selection.selectionProbability,
          ]),
      ).toEqual([
        [first, 'refused', false, 0.1],
        [`${first}+1`, 'completed', true, 0.1],
      ]);
      await expect(planRound(database, site, round, { kind: 'systematic', seed: 43 })).rejects.toThrow(
        /can no longer change/,
      );
    }, 60_000);
  },
);
