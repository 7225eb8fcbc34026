import { type ChildProcess, spawn } from 'node:child_process';
import { Console } from 'node:console';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SIREN = resolve(REPOSITORY_ROOT, 'bin/siren.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment `siren` runs with in a test: this process's without DATABASE_URL, then the test's. */
function sirenEnvironment(environment: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return { ...inherited, SIREN_LOG: 'error', ...environment };
}

/** Starts `siren` with arguments and extra environment (DATABASE_URL is never inherited). */
export function startSiren(args: readonly string[], environment: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [SIREN, ...args], {
    cwd: REPOSITORY_ROOT,
    env: sirenEnvironment(environment),
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

let inProcessRunning = false;

/**
 * Runs `siren` in this process: the same `main` that bin/siren.js calls, with the same environment
 * as `runSiren`, and stdout and stderr (console included) captured for the call. A spawned run pays
 * for a new Node, the TypeScript loader and the command's modules every time (seconds of CPU); this
 * pays once per test file. What only a real process shows (bin/siren.js, the exit status, stdin, a
 * signal) stays with `runSiren`. One call at a time, since it swaps process-wide state.
 */
export async function runSirenInProcess(
  args: readonly string[],
  environment: Record<string, string> = {},
): Promise<CliResult> {
  if (inProcessRunning) throw new Error('runSirenInProcess: another in-process run has not finished');
  inProcessRunning = true;
  let stdout = '';
  let stderr = '';
  const capture = (stream: NodeJS.WriteStream, append: (text: string) => void) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((item) => typeof item === 'function');
      if (callback) queueMicrotask(callback as () => void);
      return true;
    });
  const savedEnvironment = process.env;
  const savedConsole = globalThis.console;
  const out = capture(process.stdout, (text) => {
    stdout += text;
  });
  const err = capture(process.stderr, (text) => {
    stderr += text;
  });
  process.env = sirenEnvironment(environment);
  globalThis.console = new Console({ stdout: process.stdout, stderr: process.stderr });
  try {
    const code = await main(['node', 'siren', ...args]);
    return { code, stdout, stderr };
  } finally {
    globalThis.console = savedConsole;
    process.env = savedEnvironment;
    out.mockRestore();
    err.mockRestore();
    inProcessRunning = false;
  }
}
