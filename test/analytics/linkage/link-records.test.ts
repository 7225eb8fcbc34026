import { expect, it } from 'vitest';
import {
  emptyEntityState,
  evaluateClusters,
  explainPair,
  inferLinkageConfig,
  type LinkResult,
  linkRecords,
  reconcileEntities,
  scoreRecordPair,
  trainFromLabels,
} from '../../../src/analytics/linkage/index.ts';
import { readTableFile } from '../../../src/ingest/read-table.ts';
import { describeWithReferenceData, referencePath } from '../../support/reference-data.ts';

describeWithReferenceData('linkage', 'linking fake_1000 (Splink demo data, 251 true people)', () => {
  let cached: { result: LinkResult; truth: string[]; columns: Record<string, string[]> } | null = null;
  const run = async () => {
    if (cached) return cached;
    const table = await readTableFile(referencePath('linkage', 'fake_1000.csv'));
    const columns: Record<string, string[]> = {};
    for (const column of table.columns) columns[column] = table.rows.map((row) => row[column]);
    const truth = columns.cluster;
    const inferred = inferLinkageConfig({ columns }, { exclude: ['cluster'] });
    const result = linkRecords(
      { columns },
      { comparisons: inferred.comparisons, blocking: inferred.blocking },
      { uPairs: 100_000 },
    );
    cached = { result, truth, columns };
    return cached;
  };

  it('infers kinds from content and skips the row identifier', async () => {
    const table = await readTableFile(referencePath('linkage', 'fake_1000.csv'));
    const columns: Record<string, string[]> = {};
    for (const column of table.columns) columns[column] = table.rows.map((row) => row[column]);
    const inferred = inferLinkageConfig({ columns }, { exclude: ['cluster'] });
    const kinds = Object.fromEntries(inferred.profiles.map((profile) => [profile.field, profile.kind]));
    expect(kinds).toMatchObject({ first_name: 'name', surname: 'name', dob: 'date', email: 'email' });
    expect(inferred.skipped.map((entry) => entry.field)).toContain('unique_id');
    expect(inferred.blocking.length).toBeGreaterThanOrEqual(3);
  });

  it('finds the people: B-cubed F1 above 0.9 and no false link chains', async () => {
    const { result, truth } = await run();
    const scores = evaluateClusters(result.clustering.cluster, truth);
    expect(scores.bCubed.f1).toBeGreaterThan(0.9);
    expect(scores.pairwise.precision).toBeGreaterThan(0.97);
  });

  it('explains every pair: the waterfall adds up to the weight, the probability is the same', async () => {
    const { result } = await run();
    for (let p = 0; p < result.pairs.count; p += 7) {
      const explanation = explainPair(
        result.model,
        result.comparators,
        result.pairs.left[p],
        result.pairs.right[p],
      );
      const sum = explanation.steps.reduce((total, step) => total + step.weight, 0);
      expect(explanation.weight).toBe(result.weight[p]);
      expect(Math.abs(sum - explanation.weight)).toBeLessThan(1e-9);
      expect(explanation.steps[explanation.steps.length - 1].cumulative).toBe(explanation.weight);
      expect(explanation.probability).toBe(result.probability[p]);
      expect(
        scoreRecordPair(result.model, result.comparators, result.pairs.left[p], result.pairs.right[p]),
      ).toBe(result.probability[p]);
    }
  });

  it('estimates a prior near the truth (2,031 true pairs of 499,500)', async () => {
    const { result } = await run();
    const matches = result.training!.estimatedMatches;
    expect(matches).toBeGreaterThan(1000);
    expect(matches).toBeLessThan(4000);
  });

  it('is reproducible: same input and seed, same scores', async () => {
    const { result, columns } = await run();
    const inferred = inferLinkageConfig({ columns }, { exclude: ['cluster'] });
    const again = linkRecords(
      { columns },
      { comparisons: inferred.comparisons, blocking: inferred.blocking },
      { uPairs: 100_000 },
    );
    expect(Array.from(again.probability)).toEqual(Array.from(result.probability));
  });

  it('learns from analyst labels (fake_1000_labels): confirmed pairs raise m of agreement', async () => {
    const { result } = await run();
    const labels = await readTableFile(referencePath('linkage', 'fake_1000_labels.csv'));
    const pairs = labels.rows.map((row) => ({
      left: Number(row.unique_id_l),
      right: Number(row.unique_id_r),
      match: row.clerical_match_score === '1.0' || row.clerical_match_score === '1',
    }));
    const trained = trainFromLabels(result.model, result.comparators, pairs);
    expect(trained.matches).toBe(2031);
    expect(trained.nonMatches).toBe(1145);
    const dob = trained.model.comparisons.find((comparison) => comparison.field === 'dob')!;
    expect(dob.m.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 9);
  });
});

describeWithReferenceData('linkage', 'incremental linkage of a new batch (fake_1000)', () => {
  it('links 200 new records into the entities of the first 800 without breaking them; ids stay stable', async () => {
    const table = await readTableFile(referencePath('linkage', 'fake_1000.csv'));
    const columns: Record<string, string[]> = {};
    for (const column of table.columns) columns[column] = table.rows.map((row) => row[column]);
    const inferred = inferLinkageConfig({ columns }, { exclude: ['cluster'] });
    const config = { comparisons: inferred.comparisons, blocking: inferred.blocking };
    const firstColumns = Object.fromEntries(
      Object.entries(columns).map(([name, values]) => [name, values.slice(0, 800)]),
    );
    const first = linkRecords({ columns: firstColumns }, config, { uPairs: 50_000 });
    const keys = columns.unique_id.map((id) => `fake-${id}`);
    const before = reconcileEntities(emptyEntityState(), keys.slice(0, 800), first.clustering.cluster);
    const existing = Int32Array.from({ length: 1000 }, (_, record) =>
      record < 800 ? first.clustering.cluster[record] : -1,
    );
    const fresh = Uint8Array.from({ length: 1000 }, (_, record) => (record < 800 ? 0 : 1));
    const next = linkRecords({ columns }, config, {
      model: first.model,
      incremental: { newRecords: fresh, existingClusters: existing },
    });
    for (let p = 0; p < next.pairs.count; p++)
      expect(next.pairs.left[p] >= 800 || next.pairs.right[p] >= 800).toBe(true);
    for (let a = 0; a < 800; a++)
      for (let b = a + 1; b < 800; b += 37)
        if (existing[a] === existing[b]) expect(next.clustering.cluster[a]).toBe(next.clustering.cluster[b]);
    const after = reconcileEntities(before.state, keys, next.clustering.cluster);
    for (const key of keys.slice(0, 800))
      expect(after.state.entityOf[key]).toBe(before.state.entityOf[key] ?? after.state.entityOf[key]);
    // fake_1000 is sorted by person, so most of the last 200 records are new people (create) and the
    // people straddling row 800 gain records (add); every new record is accounted for once.
    const placed = after.events
      .filter((event) => event.type === 'add' || event.type === 'create')
      .flatMap((event) => event.records);
    expect(new Set(placed)).toEqual(new Set(keys.slice(800)));
    expect(after.events.some((event) => event.type === 'add')).toBe(true);
    const unchanged = reconcileEntities(after.state, keys, next.clustering.cluster);
    expect(unchanged.events).toEqual([]);
  });
});
