import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateIndicatorCondition,
  parseIndicatorCondition,
} from '../../../../src/analytics/estimate/survey/index.ts';

describe('indicator conditions (column operator literal, never evaluated as code)', () => {
  it('parses the forms the CLI documents', () => {
    expect(parseIndicatorCondition('sch.wide == "Yes"')).toEqual({
      column: 'sch.wide',
      operator: '==',
      literal: { kind: 'text', value: 'Yes' },
    });
    expect(parseIndicatorCondition('api00>700')).toEqual({
      column: 'api00',
      operator: '>',
      literal: { kind: 'number', value: 700 },
    });
    expect(parseIndicatorCondition("  `age group` != 'child'  ")).toMatchObject({
      column: 'age group',
      operator: '!=',
      literal: { kind: 'text', value: 'child' },
    });
    expect(parseIndicatorCondition('awards == Yes').literal).toEqual({ kind: 'text', value: 'Yes' });
    expect(parseIndicatorCondition('x <= -1.5e2').literal).toEqual({ kind: 'number', value: -150 });
    expect(parseIndicatorCondition('name == "say \\"hi\\""').literal).toEqual({
      kind: 'text',
      value: 'say "hi"',
    });
  });

  it('refuses anything else, naming where it went wrong', () => {
    expect(() => parseIndicatorCondition('process.exit(1)')).toThrow(
      /indicator-condition: expected one of == != < <= > >= at character 13/,
    );
    expect(() => parseIndicatorCondition('a == 1; b')).toThrow(/unexpected text after the literal/);
    expect(() => parseIndicatorCondition('a == "open')).toThrow(/quoted literal is not closed/);
    expect(() => parseIndicatorCondition('a > "b"')).toThrow(/> needs a number literal/);
    expect(() => parseIndicatorCondition('== 1')).toThrow(/expected a column name at character 1/);
    expect(() => parseIndicatorCondition('a ==')).toThrow(/expected a literal/);
    expect(() => parseIndicatorCondition('a = 1')).toThrow(/expected one of/);
  });

  it('evaluates numbers numerically, texts exactly, empty cells as missing', () => {
    const over = parseIndicatorCondition('api00 > 700');
    expect(evaluateIndicatorCondition(over, '701')).toBe(true);
    expect(evaluateIndicatorCondition(over, '700.0')).toBe(false);
    expect(evaluateIndicatorCondition(over, '')).toBeNull();
    expect(() => evaluateIndicatorCondition(over, 'n/a')).toThrow(/"n\/a" is not a number/);
    const equal = parseIndicatorCondition('code == 7');
    expect(evaluateIndicatorCondition(equal, '7.0')).toBe(true);
    const yes = parseIndicatorCondition('sch.wide == "Yes"');
    expect(evaluateIndicatorCondition(yes, 'Yes')).toBe(true);
    expect(evaluateIndicatorCondition(yes, 'yes')).toBe(false);
  });

  it('agrees with the comparison it spells, for any numbers', () => {
    const operators = ['==', '!=', '<', '<=', '>', '>='] as const;
    const compare = {
      '==': (a: number, b: number) => a === b,
      '!=': (a: number, b: number) => a !== b,
      '<': (a: number, b: number) => a < b,
      '<=': (a: number, b: number) => a <= b,
      '>': (a: number, b: number) => a > b,
      '>=': (a: number, b: number) => a >= b,
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...operators),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (operator, cell, literal) =>
          evaluateIndicatorCondition(parseIndicatorCondition(`v ${operator} ${literal}`), String(cell)) ===
          compare[operator](cell, literal),
      ),
    );
  });
});
