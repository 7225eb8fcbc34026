import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SIREN = resolve(REPOSITORY_ROOT, 'bin/siren.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `siren` with arguments and extra environment (DATABASE_URL is never inherited). */
export function startSiren(args: readonly string[], environment: Record<string, string> = {}): ChildProcess {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return spawn(process.execPath, [SIREN, ...args], {
    cwd: REPOSITORY_ROOT,
    env: { ...inherited, SIREN_LOG: 'error', ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs `siren` to completion and collects its output and exit code. */
export function runSiren(
  args: readonly string[],
  environment: Record<string, string> = {},
  input?: string,
): Promise<CliResult> {
  const child = startSiren(args, environment);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdin?.end(input ?? '');
  return new Promise((resolvePromise) =>
    child.on('close', (code) => resolvePromise({ code, stdout, stderr })),
  );
}
