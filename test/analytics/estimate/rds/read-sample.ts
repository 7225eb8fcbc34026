import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { RdsRespondent } from '../../../../src/analytics/estimate/rds/index.ts';
import { referencePath } from '../../../support/reference-data.ts';

/** Reads one of the RDS package's exported samples (../shared/data/rds) as respondents. */
export function readRdsSample(file: string, outcome: string): RdsRespondent[] {
  const rows: Record<string, string>[] = parse(readFileSync(referencePath('rds', file)), { columns: true });
  return rows.map((row) => ({
    id: row.id,
    recruiterId: row['recruiter.id'] === 'seed' || row['recruiter.id'] === '0' ? null : row['recruiter.id'],
    degree: row['network.size'] === '' ? null : Number(row['network.size']),
    outcome: row[outcome] === '' ? null : row[outcome],
  }));
}

/** The parsed reference file of the RDS folder. */
export function readRdsReference(name = 'reference.json'): Record<string, unknown> {
  return JSON.parse(readFileSync(referencePath('rds', name), 'utf8'));
}
