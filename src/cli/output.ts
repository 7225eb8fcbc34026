import cliProgress from 'cli-progress';

/** Options every reporting command shares. */
export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
}

/** Prints a value as indented JSON on stdout (the `--json` form of every reporting command). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned plain-text table on stdout. */
export function printTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): void {
  const names = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  const cells = rows.map((row) => names.map((name) => formatCell(row[name])));
  const widths = names.map((name, index) =>
    Math.max(name.length, ...cells.map((line) => line[index].length)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, index) => cell.padEnd(widths[index]))
      .join('  ')
      .trimEnd();
  process.stdout.write(
    `${[render(names), render(widths.map((width) => '-'.repeat(width))), ...cells.map(render)].join('\n')}\n`,
  );
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(6);
  return String(value);
}

/** A progress reporter: a bar on stderr when it is a terminal and not `--quiet`, silent otherwise. */
export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export function createProgress(label: string, total: number, options: OutputOptions = {}): Progress {
  if (options.quiet || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% {value}/{total} {eta_formatted}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done, newTotal) => {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
