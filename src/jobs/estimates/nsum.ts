import { z } from 'zod';
import {
  estimateNsum,
  type KnownPopulation,
  type NsumRespondent,
} from '../../analytics/estimate/nsum/index.ts';
import { invalidInput } from '../../domain/errors.ts';
import { numberCell, requireColumns, type Table } from '../../ingest/read-table.ts';
import type { EstimateMethod } from './method.ts';

/** Parameters of a network scale-up estimate (`siren estimate nsum`), with the CLI's defaults. */
export const nsumParameters = z
  .object({
    hidden: z.array(z.string().min(1)).min(1).describe('hidden population column(s) to estimate'),
    total: z.number().gt(0).describe('size of the population the survey represents'),
    weights: z.string().min(1).optional(),
    topCode: z.number().gt(0).nullable().default(null),
    degreeRatio: z.number().gt(0).default(1),
    transmissionRate: z.number().gt(0).default(1),
    bootstrap: z.number().int().min(0).max(100_000).default(0).describe('rescaled-bootstrap replicates'),
    cluster: z.string().min(1).optional(),
    strata: z.string().min(1).optional(),
  })
  .strict();
export type NsumParameters = z.infer<typeof nsumParameters>;

function knownPopulationsOf(table: Table): KnownPopulation[] {
  const nameColumn = table.columns.find((column) => ['known.popn', 'name', 'population'].includes(column));
  if (!nameColumn || !table.columns.includes('size'))
    throw invalidInput(`${table.file} needs columns known.popn (or name) and size`, [
      { file: table.file, row: 1, reason: `columns are ${table.columns.join(', ')}` },
    ]);
  return table.rows.map((row, index) => {
    const size = numberCell(table, index, 'size');
    if (size <= 0)
      throw invalidInput(`${table.file} has a known population of size ${size}`, [
        { file: table.file, row: index + 2, column: 'size', value: row.size, reason: 'is not a size > 0' },
      ]);
    return { name: row[nameColumn], size };
  });
}

type NsumReport = ReturnType<typeof estimateNsum>;

/** Killworth's scale-up estimate of hidden populations from a survey and a known-populations table. */
export const nsumMethod: EstimateMethod<NsumParameters, NsumReport> = {
  name: 'nsum',
  tables: ['survey', 'known'],
  parameters: nsumParameters,
  seeded: true,
  run(tables, parameters, seed) {
    const knownPopulations = knownPopulationsOf(tables.known);
    const table = tables.survey;
    const designColumns = [parameters.weights, parameters.cluster, parameters.strata].filter(
      (column): column is string => column !== undefined,
    );
    requireColumns(
      table,
      ...knownPopulations.map((population) => population.name),
      ...parameters.hidden,
      ...designColumns,
    );
    const answerColumns = [...knownPopulations.map((population) => population.name), ...parameters.hidden];
    const respondents: NsumRespondent[] = table.rows.map((row, index) => {
      const answers: Record<string, number | null> = {};
      for (const column of answerColumns) {
        const value = numberCell(table, index, column, { allowEmpty: true });
        if (value < 0)
          throw invalidInput(`${table.file} has a negative count`, [
            { file: table.file, row: index + 2, column, value: row[column], reason: 'is not a count >= 0' },
          ]);
        answers[column] = Number.isNaN(value) ? null : value;
      }
      return {
        answers,
        ...(parameters.weights ? { weight: numberCell(table, index, parameters.weights) } : {}),
        ...(parameters.cluster ? { cluster: row[parameters.cluster] } : {}),
        ...(parameters.strata ? { stratum: row[parameters.strata] } : {}),
      };
    });
    const result = estimateNsum(
      { respondents, knownPopulations, totalPopulation: parameters.total },
      {
        hidden: parameters.hidden,
        weighted: parameters.weights !== undefined,
        topCode: parameters.topCode,
        degreeRatio: parameters.degreeRatio,
        transmissionRate: parameters.transmissionRate,
        bootstrapReplicates: parameters.bootstrap,
        seed,
      },
    );
    const { degrees: _degrees, ...summary } = result;
    return { results: JSON.parse(JSON.stringify(summary)), warnings: result.warnings, report: result };
  },
};
