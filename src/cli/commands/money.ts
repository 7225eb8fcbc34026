import type { Command } from 'commander';
import { followTheMoney, moneyPatterns, type Transaction } from '../../analytics/network/index.ts';
import { type InputProblem, invalidInput, UserError } from '../../domain/errors.ts';
import { readTableFile, requireColumns, type Table } from '../../ingest/read-table.ts';
import { printJson, printTable } from '../output.ts';
import { storeGraph } from './network.ts';

interface TransactionFlags {
  source: string;
  target: string;
  amount: string;
  time: string;
  json?: boolean;
  db?: boolean;
}

const FILE_HELP = `
Transactions file: CSV/TSV/XLSX/JSON with columns source,target,amount,time and optionally id,
source_country, target_country. time is an ISO date/time (read as days since 1970-01-01) or a number
of days; --window is in days.`;

/** Reads transactions, naming file, row and column of every bad cell. */
export function readTransactions(table: Table, flags: TransactionFlags): Transaction[] {
  requireColumns(table, flags.source, flags.target, flags.amount, flags.time);
  const problems: InputProblem[] = [];
  const transactions = table.rows.map((row, index) => {
    const place = (column: string, reason: string) =>
      problems.push({ file: table.file, row: index + 2, column, value: row[column], reason });
    if (row[flags.source] === '') place(flags.source, 'is empty (expected an account)');
    if (row[flags.target] === '') place(flags.target, 'is empty (expected an account)');
    const amount = Number(row[flags.amount]);
    if (row[flags.amount] === '' || !Number.isFinite(amount) || amount <= 0)
      place(flags.amount, 'is not a positive amount');
    const text = row[flags.time];
    let time = Number(text);
    if (text === '' || !Number.isFinite(time)) {
      const parsed = Date.parse(text);
      if (text === '' || Number.isNaN(parsed)) place(flags.time, 'is not a number of days or an ISO date');
      time = parsed / 86_400_000;
    }
    return {
      id: row.id || String(index + 1),
      source: row[flags.source],
      target: row[flags.target],
      amount,
      time,
      sourceCountry: row.source_country || undefined,
      targetCountry: row.target_country || undefined,
    };
  });
  if (problems.length > 0) throw invalidInput(`${table.file} has bad transactions`, problems);
  if (transactions.length === 0)
    throw invalidInput(`${table.file} has no transactions`, [{ file: table.file, reason: 'no rows' }]);
  return transactions;
}

function positive(value: string, flag: string): number {
  const parsed = Number(value);
  if (!(parsed > 0) || !Number.isFinite(parsed))
    throw new UserError(`${flag} must be a positive number, got "${value}"`, 'invalid_input');
  return parsed;
}

function withTransactionFlags(command: Command): Command {
  return command
    .option('--source <column>', 'sending account column', 'source')
    .option('--target <column>', 'receiving account column', 'target')
    .option('--amount <column>', 'amount column', 'amount')
    .option('--time <column>', 'time column', 'time')
    .option('--db', 'use the financial records of the store instead of a file')
    .option('--json', 'print JSON')
    .addHelpText('after', FILE_HELP);
}

/**
 * The transactions to analyse: from a file, or (--db) the store's financial records between account
 * nodes named by pseudonyms, amounts in US dollars, times in days; with --db, --source names sources.
 */
async function loadTransactions(
  file: string | undefined,
  options: TransactionFlags,
  command: Command,
): Promise<Transaction[]> {
  if (options.db) {
    const given = command.getOptionValueSource('source') === 'cli';
    const stored = await storeGraph({ ...options, relation: 'paid' }, given);
    if (stored.transactions.length === 0)
      throw new UserError('the store holds no transactions for this selection', 'not_found');
    return stored.transactions;
  }
  if (file === undefined) throw new UserError('give a transactions file or --db', 'invalid_input');
  return readTransactions(await readTableFile(file), options);
}

/** `siren money ...`: financial-flow patterns over a transactions file. */
export function registerMoneyCommands(program: Command): void {
  const money = program
    .command('money')
    .description('money flows: patterns (hubs, cycles, mules, structuring) and tracing');
  withTransactionFlags(money.command('patterns [transactions]'))
    .description(
      'flows between entities and countries, fan-in/fan-out hubs, cycles, pass-through accounts, structuring',
    )
    .option('--threshold <amount>', 'reporting threshold for structuring', '10000')
    .option('--margin <share>', 'band under the threshold counted as "just under"', '0.1')
    .option('--window <days>', 'window for hubs, pass-through and structuring', '7')
    .option('--max-cycle-length <n>', 'longest cycle searched (transfers)', '6')
    .option('--min-counterparties <n>', 'fewest distinct counterparties of a hub', '5')
    .addHelpText(
      'after',
      `
hubs: accounts with unusually many distinct senders (fan-in) or receivers (fan-out) in a window
(robust z >= 3.5). cycles: simple cycles whose transfers follow time order. passThrough: accounts that
forward >= 80 % of what they receive within the window (last-in first-out matching). structuring: >= 3 transfers in
[threshold x (1 - margin), threshold) within the window that together reach the threshold.
JSON: {"transactions", "accounts", "total", "flows", "countryFlows", "hubs", "cycles", "passThrough",
"structuring"}.`,
    )
    .action(
      async (
        file: string | undefined,
        options: TransactionFlags & Record<string, string>,
        command: Command,
      ) => {
        const transactions = await loadTransactions(file, options, command);
        const maxLength = Number(options.maxCycleLength);
        if (!Number.isInteger(maxLength) || maxLength < 2)
          throw new UserError(`--max-cycle-length must be a whole number >= 2`, 'invalid_input');
        const margin = Number(options.margin);
        if (!(margin > 0 && margin < 1))
          throw new UserError(`--margin must be between 0 and 1`, 'invalid_input');
        const report = moneyPatterns(transactions, {
          threshold: positive(options.threshold, '--threshold'),
          margin,
          window: positive(options.window, '--window'),
          cycles: { maxLength },
          minCounterparties: positive(options.minCounterparties, '--min-counterparties'),
        });
        if (options.json) return printJson(report);
        process.stdout.write(
          `${report.transactions} transactions, ${report.accounts} accounts, total ${report.total.toFixed(2)}\n\nlargest flows\n`,
        );
        printTable(report.flows.flows.slice(0, 10) as unknown as Record<string, unknown>[], [
          'from',
          'to',
          'total',
          'count',
        ]);
        process.stdout.write('\nflows between countries\n');
        printTable(report.countryFlows.flows.slice(0, 10) as unknown as Record<string, unknown>[], [
          'from',
          'to',
          'total',
          'count',
        ]);
        process.stdout.write(
          `\nhubs: ${report.hubs.map((h) => `${h.account} (${h.direction} ${h.counterparties})`).join(', ') || 'none'}\n`,
        );
        process.stdout.write(
          `cycles: ${
            report.cycles.cycles
              .slice(0, 10)
              .map((c) => c.accounts.join(' > '))
              .join('; ') || 'none'
          }${report.cycles.truncated ? ' (truncated)' : ''}\n`,
        );
        process.stdout.write(
          `pass-through accounts: ${report.passThrough.map((a) => a.account).join(', ') || 'none'}\n`,
        );
        process.stdout.write(
          `structuring: ${report.structuring.map((s) => `${s.account} (${s.count} transfers, ${s.total})`).join(', ') || 'none'}\n`,
        );
      },
    );
  withTransactionFlags(money.command('follow [transactions]'))
    .description('follow the money from one account across later transfers, in time order')
    .requiredOption('--from <account>', 'account whose money is traced')
    .option('--start <time>', 'trace transfers from this time (number of days or ISO date)')
    .option('--max-hops <n>', 'longest chain followed')
    .addHelpText(
      'after',
      '\nTraced money leaves an account first (an upper bound on what can have travelled each way).',
    )
    .action(
      async (
        file: string | undefined,
        options: TransactionFlags & Record<string, string | undefined>,
        command: Command,
      ) => {
        const transactions = await loadTransactions(file, options, command);
        let startTime: number | undefined;
        if (options.start !== undefined) {
          const number = Number(options.start);
          startTime = Number.isFinite(number) ? number : Date.parse(options.start) / 86_400_000;
          if (Number.isNaN(startTime))
            throw new UserError(`--start must be a number of days or an ISO date`, 'invalid_input');
        }
        const maxHops = options.maxHops === undefined ? undefined : positive(options.maxHops, '--max-hops');
        if (!transactions.some((t) => t.source === options.from || t.target === options.from))
          throw new UserError(
            `--from "${options.from}" has no transactions in ${file ?? 'the store'}`,
            'not_found',
          );
        const trace = followTheMoney(transactions, String(options.from), { startTime, maxHops });
        if (options.json) return printJson(trace);
        process.stdout.write(`traced ${trace.traced} from ${trace.source}\n`);
        printTable(trace.accounts as unknown as Record<string, unknown>[]);
      },
    );
}
