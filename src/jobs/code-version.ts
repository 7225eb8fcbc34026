import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let cached: string | undefined;

/**
 * The version of the code that computes estimates: the package version, plus the git commit when
 * it is known (`SIREN_COMMIT`, or `git rev-parse` in a checkout), plus `-dirty` when the checkout
 * has uncommitted changes. Stored with every run so that a number can be traced to its code.
 */
export function codeVersion(): string {
  if (cached !== undefined) return cached;
  const { version } = JSON.parse(readFileSync(`${REPOSITORY_ROOT}package.json`, 'utf8')) as {
    version: string;
  };
  cached = `${version}${gitDescription()}`;
  return cached;
}

function gitDescription(): string {
  const fromEnvironment = process.env.SIREN_COMMIT?.trim();
  if (fromEnvironment) return `+${fromEnvironment}`;
  try {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', REPOSITORY_ROOT, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5_000,
      }).trim();
    const commit = git('rev-parse', '--short=12', 'HEAD');
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'src') !== '';
    return `+${commit}${dirty ? '-dirty' : ''}`;
  } catch {
    return '';
  }
}
