import { z } from 'zod';
import { createRandom } from '../../analytics/common/random.ts';
import {
  createPatternTable,
  estimatePopulation,
  type PatternRow,
  type PatternTable,
  type PopulationEstimate,
  patternTableFromRecords,
} from '../../analytics/estimate/mse/index.ts';
import { type InputProblem, invalidInput } from '../../domain/errors.ts';
import { numberCell, requireColumns, type Table } from '../../ingest/read-table.ts';
import { type EstimateMethod, jsonSafe } from './method.ts';

const COUNT_COLUMNS = ['count', 'frequency', 'n', 'Freq'];

/** Parameters of a multiple systems estimate (`siren estimate mse`), with the CLI's defaults. */
export const mseParameters = z
  .object({
    method: z.enum(['stepwise', 'aic', 'bic', 'main', 'lcmcr']).default('stepwise'),
    ci: z
      .enum(['bootstrap', 'profile'])
      .optional()
      .describe('default: bootstrap for stepwise/main, profile for aic/bic'),
    replicates: z.number().int().min(20).max(100_000).default(1000),
    level: z.number().gt(0).lt(1).default(0.95),
    threshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.02)
      .describe('stepwise p-value threshold (SparseMSE pthresh)'),
    countColumn: z.string().min(1).optional(),
    entityColumn: z.string().min(1).optional().describe('linked records: the resolved entity id column'),
    listColumn: z.string().min(1).optional().describe('linked records: the list (source) column'),
    modelChoiceBootstrap: z
      .boolean()
      .default(false)
      .describe('add the model-choice bootstrap (200 replicates) to the sensitivity views'),
    burnIn: z.number().int().min(0).max(10_000_000).default(10_000),
    samples: z.number().int().min(10).max(1_000_000).default(1000),
    thinning: z.number().int().min(1).max(100_000).default(100),
  })
  .strict()
  .refine((parameters) => (parameters.entityColumn === undefined) === (parameters.listColumn === undefined), {
    message: 'entityColumn and listColumn go together',
  });
export type MseParameters = z.infer<typeof mseParameters>;

/** A pattern table (0/1 list columns + count) in the SparseMSE layout; bad cells named by row and column. */
function patternTableFromTable(table: Table, countColumn: string | undefined): PatternTable {
  const count = countColumn ?? COUNT_COLUMNS.find((name) => table.columns.includes(name));
  if (count === undefined)
    throw invalidInput(`${table.file} has no count column`, [
      {
        file: table.file,
        row: 1,
        reason: `expected one of ${COUNT_COLUMNS.join(', ')} (or --count-column), or --entity-column with --list-column for linked records`,
      },
    ]);
  requireColumns(table, count);
  const lists = table.columns.filter((name) => name !== count);
  const problems: InputProblem[] = [];
  const rows: PatternRow[] = table.rows.map((row, index) => {
    const pattern = lists.map((list) => {
      const text = row[list];
      if (text !== '0' && text !== '1')
        problems.push({
          file: table.file,
          row: index + 2,
          column: list,
          value: text,
          reason: 'must be 0 or 1',
        });
      return text === '1' ? 1 : 0;
    });
    const value = numberCell(table, index, count);
    if (!Number.isInteger(value) || value < 0)
      problems.push({
        file: table.file,
        row: index + 2,
        column: count,
        value: row[count],
        reason: 'must be a whole number of at least 0',
      });
    return { pattern, count: value };
  });
  if (problems.length > 0) throw invalidInput(`${table.file} is not a capture-pattern table`, problems);
  return createPatternTable(lists, rows);
}

function patternTableFromLinkedRecords(table: Table, entityColumn: string, listColumn: string): PatternTable {
  requireColumns(table, entityColumn, listColumn);
  const problems: InputProblem[] = [];
  const records = table.rows.map((row, index) => {
    for (const column of [entityColumn, listColumn])
      if (row[column] === '')
        problems.push({ file: table.file, row: index + 2, column, value: '', reason: 'is empty' });
    return { entity: row[entityColumn], list: row[listColumn] };
  });
  if (problems.length > 0) throw invalidInput(`${table.file} has records without entity or list`, problems);
  return patternTableFromRecords(records);
}

/** Multiple systems estimation over one table of capture patterns or linked records. */
export const mseMethod: EstimateMethod<MseParameters, PopulationEstimate> = {
  name: 'mse',
  tables: ['input'],
  parameters: mseParameters,
  seeded: true,
  run(tables, parameters, seed, onProgress) {
    const table = tables.input;
    const patterns =
      parameters.entityColumn && parameters.listColumn
        ? patternTableFromLinkedRecords(table, parameters.entityColumn, parameters.listColumn)
        : patternTableFromTable(table, parameters.countColumn);
    const result = estimatePopulation(patterns, {
      method: parameters.method,
      interval: parameters.ci,
      random: createRandom(seed),
      replicates: parameters.replicates,
      level: parameters.level,
      threshold: parameters.threshold,
      sensitivity: true,
      sensitivityReplicates: parameters.modelChoiceBootstrap ? 200 : 0,
      latentClass: { burnIn: parameters.burnIn, samples: parameters.samples, thinning: parameters.thinning },
      onProgress,
    });
    return {
      results: jsonSafe({ ...result, seed, file: table.file }),
      warnings: result.warnings,
      report: result,
    };
  },
};
