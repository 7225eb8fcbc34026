/**
 * Job heartbeats: a runner stamps `heartbeat_at` while it holds a job, so that a job whose runner
 * died (a killed or crashed server) can be told from one still running and be taken up again.
 */
export const sql = `
ALTER TABLE jobs ADD COLUMN heartbeat_at timestamptz;
CREATE INDEX jobs_running ON jobs (heartbeat_at) WHERE status = 'running';
`;
