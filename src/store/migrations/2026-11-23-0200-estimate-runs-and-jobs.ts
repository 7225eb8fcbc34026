/**
 * Estimate runs that can be re-executed, and the jobs that run them off the request path.
 *
 * `estimate_runs` gains the organisation that owns the run, the job that made it, and its input
 * itself (the tables, as JSON) sealed with the field cipher: survey and RDS microdata and linked
 * records may hold personal data, so the input is never stored in the clear. `input_hash` stays the
 * SHA-256 of the canonical input, so a published number names exactly what it was computed from.
 *
 * `jobs`: one row per long run. A runner claims the oldest queued job with
 * `FOR UPDATE SKIP LOCKED` (two runners never take the same job), reports progress in it, and ends
 * it `succeeded` (with the run it stored, or the outcome of a reproduction) or `failed` (with the
 * message). The sealed request is erased when the job ends; the run keeps its own sealed copy.
 */
export const sql = `
ALTER TABLE estimate_runs ADD COLUMN organisation_id bigint REFERENCES organisations(id);
ALTER TABLE estimate_runs ADD COLUMN input_sealed bytea;
ALTER TABLE estimate_runs ADD COLUMN job_id bigint;
CREATE INDEX estimate_runs_organisation ON estimate_runs (organisation_id, id);

CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('estimate', 'reproduce')),
  organisation_id bigint REFERENCES organisations(id),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  request_sealed bytea,
  progress double precision NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  run_id bigint REFERENCES estimate_runs(id),
  outcome jsonb,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  claimed_by text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_queued ON jobs (id) WHERE status = 'queued';
CREATE INDEX jobs_organisation ON jobs (organisation_id, id);
ALTER TABLE estimate_runs ADD CONSTRAINT estimate_runs_job FOREIGN KEY (job_id) REFERENCES jobs(id);
`;
