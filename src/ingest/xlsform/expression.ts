/**
 * The XLSForm expression subset field teams use in `relevant`, `constraint`, `required`,
 * `calculation`, `choice_filter` and `default`: XPath 1.0 as ODK evaluates it (ODK XForms
 * specification, https://getodk.github.io/xforms-spec/#xpath-operators, and W3C XPath 1.0 §3.4–3.5
 * for comparisons and conversions), restricted to:
 *
 * - `.` (the answer being checked), `${name}` (another question's answer), bare names (a column of
 *   the choice being filtered, in `choice_filter`), string and number literals;
 * - `or`, `and`, `=`, `!=`, `<`, `<=`, `>`, `>=`, `+`, `-`, `*`, `div`, `mod`, unary `-`, parentheses;
 * - functions `not`, `selected`, `count-selected`, `string-length`, `regex`, `if`, `today`,
 *   `true`, `false`, `concat`, `coalesce`, `contains`, `starts-with`, `number`, `int`, `round`,
 *   `string`, `boolean`.
 *
 * Conventions (XPath 1.0): an unanswered question is the empty string; a comparison with a boolean
 * compares booleans, otherwise with a number compares numbers (the empty string is NaN, and NaN
 * compares false except with `!=`), otherwise strings; `<`, `>`, `<=`, `>=` always compare numbers.
 * A date (`yyyy-mm-dd`, or a datetime) converts to a number as days since 1970-01-01 (ODK's rule), so
 * `. <= today()` and `today() - ${date_of_birth}` work. `today()` is an input of the evaluation,
 * never the clock. Pure: no I/O, no globals.
 */
export type ExpressionValue = string | number | boolean;

export type ExpressionNode =
  | { kind: 'literal'; value: string | number }
  | { kind: 'current' }
  | { kind: 'reference'; name: string }
  | { kind: 'choiceColumn'; name: string }
  | { kind: 'negate'; operand: ExpressionNode }
  | { kind: 'binary'; operator: BinaryOperator; left: ExpressionNode; right: ExpressionNode }
  | { kind: 'call'; name: string; args: ExpressionNode[] };

export type BinaryOperator =
  | 'or'
  | 'and'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | 'div'
  | 'mod';

/** What an evaluation can see. */
export interface ExpressionContext {
  /** The value of `.` (the answer being checked). */
  current?: ExpressionValue;
  /** Answers by question name; a missing name is unanswered (''). */
  answer(name: string): ExpressionValue;
  /** `today()` as `yyyy-mm-dd`. */
  today: string;
  /** In a choice filter: the candidate choice's columns. */
  choiceColumn?(name: string): string | undefined;
}

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'reference'; name: string }
  | { kind: 'name'; name: string }
  | { kind: 'operator'; value: string }
  | { kind: 'end' };

const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)/y;
const OPERATORS = ['!=', '<=', '>=', '=', '<', '>', '+', '-', '*', '(', ')', ','];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    if (char === '$' && text[at + 1] === '{') {
      const end = text.indexOf('}', at);
      if (end < 0) throw new ExpressionError(`unclosed \${ at position ${at + 1}`);
      const name = text.slice(at + 2, end).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name))
        throw new ExpressionError(`"\${${name}}" is not a question reference`);
      tokens.push({ kind: 'reference', name });
      at = end + 1;
      continue;
    }
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, at + 1);
      if (end < 0) throw new ExpressionError(`unclosed string at position ${at + 1}`);
      tokens.push({ kind: 'string', value: text.slice(at + 1, end) });
      at = end + 1;
      continue;
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number && !(char === '.' && !/\d/.test(text[at + 1] ?? ''))) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      at += number[0].length;
      continue;
    }
    if (char === '.') {
      tokens.push({ kind: 'operator', value: '.' });
      at++;
      continue;
    }
    NAME.lastIndex = at;
    const name = NAME.exec(text);
    if (name) {
      tokens.push({ kind: 'name', name: name[0] });
      at += name[0].length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => text.startsWith(candidate, at));
    if (!operator) throw new ExpressionError(`unexpected "${char}" at position ${at + 1}`);
    tokens.push({ kind: 'operator', value: operator });
    at += operator.length;
  }
  tokens.push({ kind: 'end' });
  return tokens;
}

const FUNCTIONS: Record<string, { min: number; max: number }> = {
  not: { min: 1, max: 1 },
  selected: { min: 2, max: 2 },
  'count-selected': { min: 1, max: 1 },
  'string-length': { min: 1, max: 1 },
  regex: { min: 2, max: 2 },
  if: { min: 3, max: 3 },
  today: { min: 0, max: 0 },
  true: { min: 0, max: 0 },
  false: { min: 0, max: 0 },
  concat: { min: 0, max: Number.POSITIVE_INFINITY },
  coalesce: { min: 2, max: 2 },
  contains: { min: 2, max: 2 },
  'starts-with': { min: 2, max: 2 },
  number: { min: 1, max: 1 },
  int: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  string: { min: 1, max: 1 },
  boolean: { min: 1, max: 1 },
};

/** Binding power of each binary operator (XPath 1.0 precedence, loosest first). */
const PRECEDENCE: Record<BinaryOperator, number> = {
  or: 1,
  and: 2,
  '=': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  div: 6,
  mod: 6,
};

/** Parses an expression; throws {@link ExpressionError} naming what is wrong. */
export function parseExpression(text: string): ExpressionNode {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position];
  const expectOperator = (value: string) => {
    const token = tokens[position];
    if (token.kind !== 'operator' || token.value !== value)
      throw new ExpressionError(`expected "${value}" in "${text}"`);
    position++;
  };
  const binaryOperatorOf = (token: Token): BinaryOperator | undefined => {
    if (token.kind === 'operator' && token.value in PRECEDENCE && token.value !== '.')
      return token.value as BinaryOperator;
    if (token.kind === 'name' && ['or', 'and', 'div', 'mod'].includes(token.name))
      return token.name as BinaryOperator;
    return undefined;
  };
  const primary = (): ExpressionNode => {
    const token = tokens[position++];
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'string':
        return { kind: 'literal', value: token.value };
      case 'reference':
        return { kind: 'reference', name: token.name };
      case 'operator':
        if (token.value === '.') return { kind: 'current' };
        if (token.value === '-') return { kind: 'negate', operand: primary() };
        if (token.value === '(') {
          const inner = expression(0);
          expectOperator(')');
          return inner;
        }
        throw new ExpressionError(`unexpected "${token.value}" in "${text}"`);
      case 'name': {
        const next = peek();
        if (next.kind === 'operator' && next.value === '(') {
          position++;
          const args: ExpressionNode[] = [];
          if (!(peek().kind === 'operator' && (peek() as { value: string }).value === ')')) {
            args.push(expression(0));
            while (peek().kind === 'operator' && (peek() as { value: string }).value === ',') {
              position++;
              args.push(expression(0));
            }
          }
          expectOperator(')');
          const signature = FUNCTIONS[token.name];
          if (!signature) throw new ExpressionError(`unknown function ${token.name}() in "${text}"`);
          if (args.length < signature.min || args.length > signature.max)
            throw new ExpressionError(`${token.name}() takes ${describeArity(signature)} in "${text}"`);
          return { kind: 'call', name: token.name, args };
        }
        return { kind: 'choiceColumn', name: token.name };
      }
      default:
        throw new ExpressionError(`"${text}" ends too early`);
    }
  };
  const expression = (minimum: number): ExpressionNode => {
    let left = primary();
    for (;;) {
      const operator = binaryOperatorOf(peek());
      if (operator === undefined || PRECEDENCE[operator] < minimum) return left;
      position++;
      const right = expression(PRECEDENCE[operator] + 1);
      left = { kind: 'binary', operator, left, right };
    }
  };
  const tree = expression(0);
  if (peek().kind !== 'end')
    throw new ExpressionError(`unexpected text after a complete expression in "${text}"`);
  return tree;
}

function describeArity(signature: { min: number; max: number }): string {
  if (signature.min === signature.max) return `${signature.min} argument${signature.min === 1 ? '' : 's'}`;
  if (!Number.isFinite(signature.max)) return `at least ${signature.min} arguments`;
  return `${signature.min} to ${signature.max} arguments`;
}

/** The question names an expression refers to with `${…}`. */
export function referencedQuestions(node: ExpressionNode): string[] {
  const names = new Set<string>();
  const walk = (at: ExpressionNode) => {
    if (at.kind === 'reference') names.add(at.name);
    else if (at.kind === 'negate') walk(at.operand);
    else if (at.kind === 'binary') {
      walk(at.left);
      walk(at.right);
    } else if (at.kind === 'call') for (const arg of at.args) walk(arg);
  };
  walk(node);
  return [...names];
}

const DAY_MS = 86_400_000;

/** XPath number(): numbers as they are, booleans 1/0, ISO dates as days since 1970-01-01, else parsed. */
export function toNumber(value: ExpressionValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = value.trim();
  if (text === '') return Number.NaN;
  const date = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(text);
  if (date) {
    const time = text.length > 10 ? Date.parse(text) : Date.UTC(+date[1], +date[2] - 1, +date[3]);
    return Number.isNaN(time) ? Number.NaN : time / DAY_MS;
  }
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
}

/** XPath string(): integers without a decimal point, NaN as "NaN", booleans as "true"/"false". */
export function toText(value: ExpressionValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}

/** XPath boolean(): non-empty strings, non-zero non-NaN numbers. */
export function toBoolean(value: ExpressionValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return value.length > 0;
}

function compare(operator: BinaryOperator, left: ExpressionValue, right: ExpressionValue): boolean {
  if (operator === '=' || operator === '!=') {
    let equal: boolean;
    if (typeof left === 'boolean' || typeof right === 'boolean') equal = toBoolean(left) === toBoolean(right);
    else if (typeof left === 'number' || typeof right === 'number')
      equal = toNumber(left) === toNumber(right);
    else equal = left === right;
    return operator === '=' ? equal : !equal;
  }
  const a = toNumber(left);
  const b = toNumber(right);
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function selectedValues(value: ExpressionValue): string[] {
  return toText(value)
    .split(/\s+/)
    .filter((item) => item.length > 0);
}

/** Evaluates a parsed expression. */
export function evaluateExpression(node: ExpressionNode, context: ExpressionContext): ExpressionValue {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'current':
      return context.current ?? '';
    case 'reference':
      return context.answer(node.name);
    case 'choiceColumn': {
      const value = context.choiceColumn?.(node.name);
      if (value === undefined) throw new ExpressionError(`"${node.name}" is not a choice column here`);
      return value;
    }
    case 'negate':
      return -toNumber(evaluateExpression(node.operand, context));
    case 'binary': {
      if (node.operator === 'or')
        return (
          toBoolean(evaluateExpression(node.left, context)) ||
          toBoolean(evaluateExpression(node.right, context))
        );
      if (node.operator === 'and')
        return (
          toBoolean(evaluateExpression(node.left, context)) &&
          toBoolean(evaluateExpression(node.right, context))
        );
      const left = evaluateExpression(node.left, context);
      const right = evaluateExpression(node.right, context);
      switch (node.operator) {
        case '+':
          return toNumber(left) + toNumber(right);
        case '-':
          return toNumber(left) - toNumber(right);
        case '*':
          return toNumber(left) * toNumber(right);
        case 'div':
          return toNumber(left) / toNumber(right);
        case 'mod':
          return toNumber(left) % toNumber(right);
        default:
          return compare(node.operator, left, right);
      }
    }
    case 'call':
      return callFunction(node, context);
  }
}

function callFunction(
  node: Extract<ExpressionNode, { kind: 'call' }>,
  context: ExpressionContext,
): ExpressionValue {
  const arg = (index: number) => evaluateExpression(node.args[index], context);
  switch (node.name) {
    case 'not':
      return !toBoolean(arg(0));
    case 'selected':
      return selectedValues(arg(0)).includes(toText(arg(1)).trim());
    case 'count-selected':
      return selectedValues(arg(0)).length;
    case 'string-length':
      return [...toText(arg(0))].length;
    case 'regex': {
      let pattern: RegExp;
      try {
        pattern = new RegExp(toText(arg(1)), 'u');
      } catch {
        throw new ExpressionError(`regex(): "${toText(arg(1))}" is not a regular expression`);
      }
      return pattern.test(toText(arg(0)));
    }
    case 'if':
      return toBoolean(arg(0)) ? arg(1) : arg(2);
    case 'today':
      return context.today;
    case 'true':
      return true;
    case 'false':
      return false;
    case 'concat':
      return node.args.map((_, index) => toText(arg(index))).join('');
    case 'coalesce': {
      const first = arg(0);
      return toText(first) !== '' ? first : arg(1);
    }
    case 'contains':
      return toText(arg(0)).includes(toText(arg(1)));
    case 'starts-with':
      return toText(arg(0)).startsWith(toText(arg(1)));
    case 'number':
      return toNumber(arg(0));
    case 'int':
      return Math.trunc(toNumber(arg(0)));
    case 'round': {
      const digits = node.args.length > 1 ? toNumber(arg(1)) : 0;
      const factor = 10 ** digits;
      return Math.round(toNumber(arg(0)) * factor) / factor;
    }
    case 'string':
      return toText(arg(0));
    default:
      return toBoolean(arg(0));
  }
}

/** Parses and evaluates in one step (for tests and one-off checks). */
export function evaluate(text: string, context: ExpressionContext): ExpressionValue {
  return evaluateExpression(parseExpression(text), context);
}
