import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * SIREN's configuration: the only reader of `process.env`. Needs nothing for the embedded default;
 * fails at start listing every bad variable.
 */
const environmentSchema = z.object({
  SIREN_DATA: z.string().min(1).default('./.siren-data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  SIREN_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (a 256-bit key)')
    .optional(),
  SIREN_PREVIOUS_KEYS: z
    .string()
    .regex(/^[0-9a-fA-F]{64}(,[0-9a-fA-F]{64})*$/, 'must be comma-separated 64-hex-character keys')
    .optional(),
  SIREN_DEMO: z.enum(['auto', 'off']).default('auto'),
  SIREN_DEMO_PEOPLE: z.coerce.number().int().min(100).max(1_000_000).default(3000),
  SIREN_LOG: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
});

export interface Config {
  dataDirectory: string;
  databaseUrl: string | undefined;
  port: number;
  host: string;
  encryptionKeyHex: string | undefined;
  previousKeysHex: string[];
  demo: 'auto' | 'off';
  demoPeople: number;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the environment once. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(
    Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  return {
    dataDirectory: resolve(value.SIREN_DATA),
    databaseUrl: value.DATABASE_URL,
    port: value.PORT,
    host: value.HOST,
    encryptionKeyHex: value.SIREN_KEY,
    previousKeysHex: value.SIREN_PREVIOUS_KEYS ? value.SIREN_PREVIOUS_KEYS.split(',') : [],
    demo: value.SIREN_DEMO,
    demoPeople: value.SIREN_DEMO_PEOPLE,
    logLevel: value.SIREN_LOG,
  };
}
