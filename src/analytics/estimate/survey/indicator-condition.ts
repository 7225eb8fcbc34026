/**
 * A tiny, safe language for 0/1 indicators over a table row: `column operator literal`, e.g.
 * `sch.wide == "Yes"`, `api00 > 700`, `` `age group` != 'child' ``. Parsed by hand (no eval):
 * - column: a bare name of letters, digits, `_` and `.` (not starting with a digit), or any text in
 *   backticks;
 * - operator: `==`, `!=`, `<`, `<=`, `>`, `>=`;
 * - literal: a number, a quoted text ("…" or '…', with \" or \' escapes), or a bare word (text).
 * Ordering operators need a number literal. A number literal compares numerically (a cell that is
 * not a number is an error naming nothing but the cell: the caller adds row and column); a text
 * literal compares the exact cell text. An empty cell is missing (null), as R's NA.
 * Complexity: O(length of the expression) to parse, O(1) per row to evaluate.
 */
import { AnalyticsInputError, requireInput } from '../../common/errors.ts';

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface IndicatorCondition {
  column: string;
  operator: ComparisonOperator;
  literal: { kind: 'number'; value: number } | { kind: 'text'; value: string };
}

const WHERE = 'estimate/survey/indicator-condition';
const OPERATORS: ComparisonOperator[] = ['==', '!=', '<=', '>=', '<', '>'];

/** Parses `column operator literal`; throws naming the position of what is wrong. */
export function parseIndicatorCondition(text: string): IndicatorCondition {
  let position = 0;
  const skipSpace = () => {
    while (position < text.length && /\s/.test(text[position])) position++;
  };
  const fail: (message: string) => never = (message) => {
    throw new AnalyticsInputError(
      `${WHERE}: ${message} at character ${position + 1} of ${JSON.stringify(text)}`,
    );
  };

  skipSpace();
  let column = '';
  if (text[position] === '`') {
    const end = text.indexOf('`', position + 1);
    if (end < 0) fail('a backtick-quoted column is not closed');
    column = text.slice(position + 1, end);
    position = end + 1;
  } else {
    const match = /^[A-Za-z_.][A-Za-z0-9_.]*/.exec(text.slice(position));
    if (!match) fail('expected a column name');
    column = match[0];
    position += column.length;
  }
  if (column === '') fail('the column name is empty');

  skipSpace();
  const operator = OPERATORS.find((candidate) => text.startsWith(candidate, position));
  if (!operator) fail('expected one of == != < <= > >=');
  position += operator.length;

  skipSpace();
  let literal: IndicatorCondition['literal'];
  const quote = text[position];
  if (quote === '"' || quote === "'") {
    let value = '';
    position++;
    for (;;) {
      if (position >= text.length) fail('a quoted literal is not closed');
      const character = text[position];
      if (character === '\\' && position + 1 < text.length) {
        value += text[position + 1];
        position += 2;
        continue;
      }
      position++;
      if (character === quote) break;
      value += character;
    }
    literal = { kind: 'text', value };
  } else {
    const match = /^[^\s]+/.exec(text.slice(position));
    if (!match) fail('expected a literal (a number, a quoted text or a word)');
    const word = match[0];
    const number = Number(word);
    literal =
      /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(word) && Number.isFinite(number)
        ? { kind: 'number', value: number }
        : { kind: 'text', value: word };
    position += word.length;
  }
  skipSpace();
  if (position < text.length) fail('unexpected text after the literal');
  requireInput(
    literal.kind === 'number' || operator === '==' || operator === '!=',
    WHERE,
    `${operator} needs a number literal in ${JSON.stringify(text)}`,
  );
  return { column, operator, literal };
}

/** Evaluates the condition on one cell's text: true, false, or null when the cell is empty (missing). */
export function evaluateIndicatorCondition(condition: IndicatorCondition, cell: string): boolean | null {
  if (cell === '') return null;
  const { operator, literal } = condition;
  if (literal.kind === 'text') return operator === '==' ? cell === literal.value : cell !== literal.value;
  const value = Number(cell);
  if (cell.trim() === '' || !Number.isFinite(value))
    requireInput(false, WHERE, `${JSON.stringify(cell)} is not a number (compared with ${literal.value})`);
  switch (operator) {
    case '==':
      return value === literal.value;
    case '!=':
      return value !== literal.value;
    case '<':
      return value < literal.value;
    case '<=':
      return value <= literal.value;
    case '>':
      return value > literal.value;
    case '>=':
      return value >= literal.value;
  }
}
