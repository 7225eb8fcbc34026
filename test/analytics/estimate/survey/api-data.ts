import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
  createSurveyDesign,
  type LonelyUnitRule,
  type SurveyDesign,
} from '../../../../src/analytics/estimate/survey/index.ts';
import { referencePath } from '../../../support/reference-data.ts';

/** Rows of one of the api CSV files of the survey reference folder (R `survey`'s data(api)). */
export function readApi(file: string): Record<string, string>[] {
  return parse(readFileSync(referencePath('survey', file), 'utf8'), { columns: true }) as Record<
    string,
    string
  >[];
}

/** A numeric column, empty cells as null (R NA). */
export function numbers(rows: readonly Record<string, string>[], column: string): (number | null)[] {
  return rows.map((row) => (row[column] === '' ? null : Number(row[column])));
}

export function texts(rows: readonly Record<string, string>[], column: string): string[] {
  return rows.map((row) => row[column]);
}

/** The reference designs, as reference.json's design_call states them. */
export function apiDesign(
  name: 'stratified' | 'cluster1' | 'cluster2' | 'lonely',
  lonelyUnit: LonelyUnitRule = 'fail',
): { rows: Record<string, string>[]; design: SurveyDesign } {
  const value = (rows: Record<string, string>[], column: string) => rows.map((row) => Number(row[column]));
  if (name === 'stratified' || name === 'lonely') {
    // svydesign(id=~1, strata=~stype, weights=~pw, fpc=~fpc, data=apistrat)
    const rows = readApi(name === 'stratified' ? 'apistrat.csv' : 'apistrat_lonely.csv');
    const design = createSurveyDesign(
      { strata: texts(rows, 'stype'), weights: value(rows, 'pw'), finitePopulation: [value(rows, 'fpc')] },
      { lonelyUnit },
    );
    return { rows, design };
  }
  if (name === 'cluster1') {
    // svydesign(id=~dnum, weights=~pw, fpc=~fpc, data=apiclus1)
    const rows = readApi('apiclus1.csv');
    const design = createSurveyDesign({
      clusters: [texts(rows, 'dnum')],
      weights: value(rows, 'pw'),
      finitePopulation: [value(rows, 'fpc')],
    });
    return { rows, design };
  }
  // svydesign(id=~dnum+snum, fpc=~fpc1+fpc2, data=apiclus2)
  const rows = readApi('apiclus2.csv');
  const design = createSurveyDesign({
    clusters: [texts(rows, 'dnum'), texts(rows, 'snum')],
    finitePopulation: [value(rows, 'fpc1'), value(rows, 'fpc2')],
  });
  return { rows, design };
}
