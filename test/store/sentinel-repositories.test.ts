import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { listAudit } from '../../src/store/repositories/audit.ts';
import { createOrganisation } from '../../src/store/repositories/organisations.ts';
import {
  findRuleSet,
  listDeterminations,
  saveRuleSet,
  storeDeterminations,
} from '../../src/store/repositories/sentinel-determinations.ts';
import { findInstrument, saveInstrument } from '../../src/store/repositories/sentinel-instruments.ts';
import {
  createSubmissionBatch,
  existingInstanceIds,
  insertInterviews,
  listInterviews,
  readPersonalAnswers,
  updateInterviewWeights,
} from '../../src/store/repositories/sentinel-interviews.ts';
import {
  addSelections,
  createRound,
  findSelection,
  listSelections,
  recordSelectionOutcome,
  setRoundPlan,
} from '../../src/store/repositories/sentinel-rounds.ts';
import {
  createSite,
  findSite,
  listOfficialCounts,
  listSites,
  recordOfficialCount,
} from '../../src/store/repositories/sentinel-sites.ts';
import { describeOnEachDatabase, testCipher } from '../support/databases.ts';

describeOnEachDatabase('sentinel repositories', (target) => {
  let database: Database;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database.close();
  });

  it('stores sites, counts, rounds, plans, selections, interviews and determinations', async () => {
    const cipher = testCipher();
    const organisation = await createOrganisation(database, 'Sentinel NGO');
    const other = await createOrganisation(database, 'Other NGO');
    const site = await createSite(database, {
      code: 'poipet',
      name: 'Poipet',
      placeCode: 'KH-1',
      crossingCode: 'KH-TH-01',
      populationServed: 'deportees from Thailand through the Poipet checkpoint',
      organisationId: organisation.id,
    });
    await createSite(database, {
      code: 'bavet',
      name: 'Bavet',
      placeCode: 'KH-20',
      populationServed: 'deportees from Vietnam',
      organisationId: organisation.id,
    });
    await expect(
      createSite(database, { ...site, code: 'poipet', organisationId: organisation.id }),
    ).rejects.toThrow(/already exists/);
    expect((await listSites(database, { organisationId: organisation.id, site: null })).length).toBe(2);
    expect(
      (await listSites(database, { organisationId: organisation.id, site: 'POIPET' })).map((s) => s.code),
    ).toEqual(['poipet']);
    await expect(findSite(database, { organisationId: other.id, site: null }, 'poipet')).rejects.toThrow(
      /no sentinel site/,
    );
    await expect(
      findSite(database, { organisationId: organisation.id, site: 'Bavet' }, 'poipet'),
    ).rejects.toThrow(/no sentinel site/);

    await recordOfficialCount(
      database,
      {
        siteId: site.id,
        period: '2024-W05',
        periodStart: '2024-01-29',
        periodEnd: '2024-02-04',
        count: 900,
        source: 'IOM',
      },
      'test',
    );
    await recordOfficialCount(
      database,
      {
        siteId: site.id,
        period: '2024-W05',
        periodStart: '2024-01-29',
        periodEnd: '2024-02-04',
        count: 912,
        source: 'IOM',
      },
      'test',
    );
    expect(await listOfficialCounts(database, site.id, { from: '2024-02-01', to: '2024-02-01' })).toEqual([
      {
        siteId: site.id,
        period: '2024-W05',
        periodStart: '2024-01-29',
        periodEnd: '2024-02-04',
        count: 912,
        source: 'IOM',
      },
    ]);

    const round = await createRound(
      database,
      {
        siteId: site.id,
        label: 'R1',
        startsOn: '2024-01-29',
        endsOn: '2024-02-04',
        team: 'A',
        targetSampleSize: 3,
      },
      'test',
    );
    await setRoundPlan(
      database,
      round.id,
      { kind: 'systematic', seed: 7, definition: { kind: 'systematic' } },
      [
        { code: '2024-W05-A3', stratum: 'poipet|2024-W05', arrivalNumber: 3, selectionProbability: 0.25 },
        { code: '2024-W05-A7', stratum: 'poipet|2024-W05', arrivalNumber: 7, selectionProbability: 0.25 },
      ],
    );
    const first = await findSelection(database, round.id, '2024-W05-A3');
    await recordSelectionOutcome(database, first.id, 'refused', 'test');
    await addSelections(database, round.id, [
      {
        code: '2024-W05-A4',
        stratum: 'poipet|2024-W05',
        arrivalNumber: 4,
        selectionProbability: 0.25,
        replacement: true,
        replacesSelectionId: first.id,
      },
    ]);
    await expect(
      setRoundPlan(database, round.id, { kind: 'systematic', seed: 8, definition: {} }, []),
    ).rejects.toThrow(/can no longer change/);
    const selections = await listSelections(database, round.id);
    expect(selections.map((s) => [s.code, s.outcome, s.replacement])).toEqual([
      ['2024-W05-A3', 'refused', false],
      ['2024-W05-A7', 'pending', false],
      ['2024-W05-A4', 'pending', true],
    ]);

    const { instrument } = await saveInstrument(
      database,
      {
        formId: 'sentinel',
        version: '1',
        title: 'Sentinel',
        definition: { questions: [] },
        definitionHash: 'h1',
        previousId: null,
        diff: null,
      },
      'test',
    );
    expect(
      (await saveInstrument(database, { ...instrument, definitionHash: 'h1', diff: null }, 'test')).created,
    ).toBe(false);
    await expect(
      saveInstrument(database, { ...instrument, definitionHash: 'h2', diff: null }, 'test'),
    ).rejects.toThrow(/different definition/);
    expect((await findInstrument(database, 'sentinel')).id).toBe(instrument.id);

    await database.transaction(async (transaction) => {
      const batchId = await createSubmissionBatch(transaction, {
        roundId: round.id,
        instrumentId: instrument.id,
        fileName: 'export.csv',
        fileHash: 'abc',
        rowCount: 1,
        importedBy: 'test',
      });
      await insertInterviews(transaction, cipher, batchId, [
        {
          instanceId: 'uuid:1',
          organisationId: organisation.id,
          siteId: site.id,
          roundId: round.id,
          selectionId: selections[1].id,
          instrumentId: instrument.id,
          rowNumber: 2,
          interviewedOn: '2024-01-30',
          submittedAt: '2024-01-30T10:00:00Z',
          selectionProbability: 0.25,
          designWeight: 4,
          answers: { sex: 'female' },
          canonicalAnswers: { sex: 'female', wagesWithheld: true },
          personalAnswers: { broker_name: 'Mr Chea' },
        },
      ]);
    });
    expect(await existingInstanceIds(database, ['uuid:1', 'uuid:2'])).toEqual(new Set(['uuid:1']));
    const [interview] = await listInterviews(database, { siteId: site.id, roundId: round.id });
    expect(interview).toMatchObject({
      instanceId: 'uuid:1',
      selectionCode: '2024-W05-A7',
      hasPersonalAnswers: true,
    });
    expect(JSON.stringify(interview)).not.toContain('Chea');
    await updateInterviewWeights(database, [{ interviewId: interview.id, weight: 456 }]);
    expect((await listInterviews(database, { siteId: site.id }))[0].weight).toBe(456);

    const personal = await database.transaction((transaction) =>
      readPersonalAnswers(transaction, cipher, [interview.id], {
        actor: 'tester',
        purpose: 'broker linkage',
      }),
    );
    expect(personal.get(interview.id)).toEqual({ broker_name: 'Mr Chea' });
    const audit = await listAudit(database, { limit: 5, action: 'sentinel.personal_answers.read' });
    expect(audit[0]).toMatchObject({
      actor: 'tester',
      details: { purpose: 'broker linkage', interviews: [interview.id] },
    });

    await saveRuleSet(database, {
      fingerprint: 'f1',
      ruleSetId: 'ilo',
      version: '1',
      title: 'ILO',
      definition: { id: 'ilo' },
    });
    await storeDeterminations(
      database,
      { fingerprint: 'f1', ruleSetId: 'ilo', version: '1' },
      [
        {
          interviewId: interview.id,
          status: 'undetermined',
          firedIndicators: [],
          unknownIndicators: ['x'],
          decisions: { trafficked: null },
        },
      ],
      'test',
    );
    await storeDeterminations(
      database,
      { fingerprint: 'f1', ruleSetId: 'ilo', version: '1' },
      [
        {
          interviewId: interview.id,
          status: 'trafficked',
          firedIndicators: ['a'],
          unknownIndicators: [],
          decisions: { trafficked: true },
        },
      ],
      'test',
    );
    expect(await findRuleSet(database, 'f1')).toMatchObject({ ruleSetId: 'ilo', definition: { id: 'ilo' } });
    expect(await listDeterminations(database, { siteId: site.id, roundId: round.id })).toEqual([
      {
        interviewId: interview.id,
        instanceId: 'uuid:1',
        roundId: round.id,
        ruleSetId: 'ilo',
        ruleSetVersion: '1',
        ruleSetFingerprint: 'f1',
        status: 'trafficked',
        firedIndicators: ['a'],
        unknownIndicators: [],
        decisions: { trafficked: true },
      },
    ]);
  });
});
