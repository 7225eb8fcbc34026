import { sql as platform } from './2026-11-23-0001-platform.ts';
import { sql as security } from './2026-11-23-0100-security.ts';
import { sql as estimateRunsAndJobs } from './2026-11-23-0200-estimate-runs-and-jobs.ts';
import { sql as linkage } from './2026-11-23-0300-linkage.ts';
import { sql as sentinel } from './2026-11-23-0400-sentinel.ts';
import { sql as jobHeartbeats } from './2026-11-23-0700-job-heartbeats.ts';

/** A forward-only schema change; ids sort in the order they apply. */
export interface Migration {
  id: string;
  sql: string;
}

/** Every migration, oldest first. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { id: '2026-11-23-0001-platform', sql: platform },
  { id: '2026-11-23-0100-security', sql: security },
  { id: '2026-11-23-0200-estimate-runs-and-jobs', sql: estimateRunsAndJobs },
  { id: '2026-11-23-0300-linkage', sql: linkage },
  { id: '2026-11-23-0400-sentinel', sql: sentinel },
  { id: '2026-11-23-0700-job-heartbeats', sql: jobHeartbeats },
];
