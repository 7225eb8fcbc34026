/** Organisations, users, sources, import batches, records with provenance, entities, relations, audit. */
export const sql = `
CREATE TABLE organisations (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('administrator', 'analyst', 'investigator', 'field_researcher', 'reader')),
  organisation_id bigint NOT NULL REFERENCES organisations(id),
  site text,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  address text
);

CREATE TABLE sources (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('case_management', 'hotline', 'interview', 'official_statistics',
    'border_event', 'financial', 'online_post')),
  organisation_id bigint NOT NULL REFERENCES organisations(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sharing_agreements (
  id bigserial PRIMARY KEY,
  owner_organisation_id bigint NOT NULL REFERENCES organisations(id),
  partner_organisation_id bigint NOT NULL REFERENCES organisations(id),
  source_id bigint REFERENCES sources(id),
  level text NOT NULL CHECK (level IN ('aggregate', 'pseudonymised', 'full')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE import_batches (
  id bigserial PRIMARY KEY,
  source_id bigint NOT NULL REFERENCES sources(id),
  organisation_id bigint NOT NULL REFERENCES organisations(id),
  file_name text NOT NULL,
  file_hash text NOT NULL,
  file_size bigint NOT NULL,
  file_format text NOT NULL,
  encoding text,
  row_count integer NOT NULL,
  mapping jsonb,
  unresolved_places jsonb NOT NULL DEFAULT '[]',
  forced boolean NOT NULL DEFAULT false,
  imported_by text,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_batches_hash ON import_batches (source_id, file_hash);

CREATE TABLE records (
  id bigserial PRIMARY KEY,
  source_id bigint NOT NULL REFERENCES sources(id),
  organisation_id bigint NOT NULL REFERENCES organisations(id),
  batch_id bigint NOT NULL REFERENCES import_batches(id),
  row_number integer NOT NULL,
  kind text NOT NULL,
  record_key text,
  fields jsonb NOT NULL,
  sealed bytea NOT NULL,
  key_version integer NOT NULL,
  place_code text,
  event_date date,
  pseudonym text NOT NULL
);
CREATE INDEX records_source ON records (source_id);
CREATE INDEX records_batch ON records (batch_id);
CREATE INDEX records_place ON records (place_code);

CREATE TABLE record_blind_indexes (
  record_id bigint NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  field text NOT NULL,
  digest text NOT NULL
);
CREATE INDEX record_blind_indexes_lookup ON record_blind_indexes (field, digest);

CREATE TABLE entities (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('person', 'phone', 'account', 'organisation', 'place', 'vehicle')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'merged', 'retired')),
  merged_into bigint REFERENCES entities(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE entity_members (
  entity_id bigint NOT NULL REFERENCES entities(id),
  record_id bigint NOT NULL REFERENCES records(id),
  role text NOT NULL DEFAULT 'subject',
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_id, role)
);
CREATE INDEX entity_members_entity ON entity_members (entity_id);

CREATE TABLE entity_history (
  id bigserial PRIMARY KEY,
  entity_id bigint NOT NULL REFERENCES entities(id),
  action text NOT NULL CHECK (action IN ('create', 'merge', 'split', 'add', 'remove', 'undo')),
  details jsonb NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE relations (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  from_entity bigint REFERENCES entities(id),
  to_entity bigint REFERENCES entities(id),
  from_record bigint REFERENCES records(id),
  to_record bigint REFERENCES records(id),
  weight double precision,
  occurred_at timestamptz,
  score double precision,
  explanation jsonb,
  source_id bigint REFERENCES sources(id),
  batch_id bigint REFERENCES import_batches(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relations_from ON relations (from_entity);
CREATE INDEX relations_to ON relations (to_entity);

CREATE TABLE estimate_runs (
  id bigserial PRIMARY KEY,
  method text NOT NULL,
  input_hash text NOT NULL,
  input_source text,
  parameters jsonb NOT NULL,
  seed bigint,
  results jsonb NOT NULL,
  warnings jsonb NOT NULL DEFAULT '[]',
  code_version text NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}',
  address text,
  previous_hash text NOT NULL,
  hash text NOT NULL
);
`;
