// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to questions as ${name}
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ExpressionContext,
  ExpressionError,
  evaluate,
  parseExpression,
  referencedQuestions,
  toText,
} from '../../src/ingest/xlsform/index.ts';

function context(answers: Record<string, string | number>, current?: string): ExpressionContext {
  return { current, today: '2024-03-01', answer: (name) => answers[name] ?? '' };
}

describe('XLSForm expressions', () => {
  const answers = {
    age: '17',
    sex: 'female',
    reasons: 'debt wages',
    name: 'Sokha',
    born: '2010-02-28',
    none: '',
  };

  it.each([
    ['. >= 0 and . <= 120', '34', true],
    ['. >= 0 and . <= 120', '121', false],
    ["${sex} = 'female'", undefined, true],
    ["${sex} != 'female' or ${age} < 18", undefined, true],
    ['not(${age} >= 18)', undefined, true],
    ["selected(${reasons}, 'wages')", undefined, true],
    ["selected(${reasons}, 'wage')", undefined, false],
    ['count-selected(${reasons}) = 2', undefined, true],
    ['string-length(${name}) = 5', undefined, true],
    ["regex(., '^0[0-9]{8,9}$')", '012345678', true],
    ["regex(., '^0[0-9]{8,9}$')", '12345', false],
    ["if(${age} < 18, 'child', 'adult') = 'child'", undefined, true],
    ['. <= today()', '2024-03-01', true],
    ['. <= today()', '2024-03-02', false],
    ['int((today() - ${born}) div 365.25) = 14', undefined, true],
    ['${none} = 0', undefined, false],
    ["${none} = ''", undefined, true],
    ['${none} < 1 or ${none} >= 1', undefined, false],
    ['2 + 3 * 4 = 14', undefined, true],
    ['(2 + 3) * 4 = 20', undefined, true],
    ['10 - 4 - 3 = 3', undefined, true],
    ['7 mod 3 = 1 and 7 div 2 = 3.5', undefined, true],
    ['-${age} = -17', undefined, true],
    ["coalesce(${none}, 'x') = 'x'", undefined, true],
    ["concat(${sex}, '-', ${age}) = 'female-17'", undefined, true],
    ['true() and not(false())', undefined, true],
  ])('%s (. = %s) is %s', (text, current, expected) => {
    expect(evaluate(text, context(answers, current))).toBe(expected);
  });

  it('lists the questions an expression refers to', () => {
    expect(
      referencedQuestions(parseExpression("${a} > 1 and selected(${b}, 'x') or if(${a}, ${c}, 1)")).sort(),
    ).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['${age} >', /ends too early/],
    ['foo(1)', /unknown function foo/],
    ['selected(${a})', /selected\(\) takes 2 arguments/],
    ["'open", /unclosed string/],
    ['${a', /unclosed/],
    ['1 2', /unexpected text/],
    ['${a} # 2', /unexpected "#"/],
  ])('refuses %s', (text, message) => {
    expect(() => parseExpression(text)).toThrow(ExpressionError);
    expect(() => parseExpression(text)).toThrow(message);
  });

  it('reads bare names as choice columns in choice filters', () => {
    const filter = parseExpression('province = ${province}');
    expect(() => evaluate('province = 1', context({}))).toThrow(/not a choice column/);
    expect(
      evaluate('province = ${province}', {
        ...context({ province: 'KH-1' }),
        choiceColumn: (name) => (name === 'province' ? 'KH-1' : undefined),
      }),
    ).toBe(true);
    expect(filter.kind).toBe('binary');
  });

  it('obeys De Morgan, double negation and excluded middle on any answers', () => {
    const value = fc.oneof(fc.integer({ min: -50, max: 50 }).map(String), fc.constantFrom('', 'yes', 'no'));
    fc.assert(
      fc.property(value, value, (a, b) => {
        const c = context({ a, b });
        const p = '${a} > 3';
        const q = "${b} = 'yes'";
        expect(evaluate(`not(${p} and ${q})`, c)).toBe(evaluate(`not(${p}) or not(${q})`, c));
        expect(evaluate(`not(not(${p}))`, c)).toBe(evaluate(p, c));
        expect(evaluate(`${q} or not(${q})`, c)).toBe(true);
      }),
    );
  });

  it('agrees with JavaScript arithmetic on integers, with XPath precedence', () => {
    const small = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(small, small, small, (a, b, c) => {
        const result = evaluate(
          `${a} + ${b} * ${c} - ${b}`.replaceAll('+ -', '- ').replaceAll('- -', '+ '),
          context({}),
        );
        expect(result).toBe(a + b * c - b);
      }),
    );
  });

  it('compares numbers numerically and strings as strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (a, b) => {
        const c = context({ a: String(a), b: String(b) });
        expect(evaluate('${a} < ${b}', c)).toBe(a < b);
        expect(evaluate('${a} = ${b}', c)).toBe(String(a) === String(b));
        expect(toText(evaluate('${a} + 0', c))).toBe(String(a));
      }),
    );
  });
});
