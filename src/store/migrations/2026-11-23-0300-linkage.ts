/**
 * Linkage on the store: each run of `siren link --db` with its parameters and trained model, the
 * scored candidate pairs an analyst reviews (with their explanation), the analyst's decisions on
 * pairs (kept with who and when; a new decision on a pair withdraws the one before), and on the
 * entity history the run or decision behind each change and the undo that reverted it.
 * Explanations hold levels, m, u and weights only: the compared values are personal and are read
 * from the encrypted records when shown.
 */
export const sql = `
CREATE TABLE linkage_runs (
  id bigserial PRIMARY KEY,
  actor text NOT NULL,
  sources jsonb NOT NULL,
  parameters jsonb NOT NULL,
  model jsonb NOT NULL,
  summary jsonb NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE linkage_candidates (
  left_record bigint NOT NULL REFERENCES records(id),
  right_record bigint NOT NULL REFERENCES records(id),
  run_id bigint NOT NULL REFERENCES linkage_runs(id),
  probability double precision NOT NULL,
  weight double precision NOT NULL,
  explanation jsonb NOT NULL,
  PRIMARY KEY (left_record, right_record),
  CHECK (left_record < right_record)
);
CREATE INDEX linkage_candidates_probability ON linkage_candidates (probability);

CREATE TABLE linkage_decisions (
  id bigserial PRIMARY KEY,
  left_record bigint NOT NULL REFERENCES records(id),
  right_record bigint NOT NULL REFERENCES records(id),
  decision text NOT NULL CHECK (decision IN ('confirm', 'reject')),
  note text,
  decided_by text NOT NULL,
  organisation_id bigint REFERENCES organisations(id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  withdrawn_by text,
  CHECK (left_record < right_record)
);
CREATE UNIQUE INDEX linkage_decisions_current ON linkage_decisions (left_record, right_record)
  WHERE withdrawn_at IS NULL;

ALTER TABLE entity_history ADD COLUMN run_id bigint REFERENCES linkage_runs(id);
ALTER TABLE entity_history ADD COLUMN decision_id bigint REFERENCES linkage_decisions(id);
ALTER TABLE entity_history ADD COLUMN undone_by bigint REFERENCES entity_history(id);
CREATE INDEX entity_history_entity ON entity_history (entity_id, id);

CREATE UNIQUE INDEX relations_same_as_pair ON relations (from_record, to_record) WHERE kind = 'same_as';
`;
