/**
 * Sentinel surveillance: sites (a gazetteer place, optionally a border crossing, the population they
 * serve, an owning organisation) with official counts per period; rounds with their sampling plan
 * and seed; the selections the plan generated (selection list entries or time slots) with the
 * outcome recorded in the field (refusals, replacements); slot arrival counts for time–location
 * plans; versioned XLSForm instruments; submission batches; interviews (selection probability and
 * design weight computed from the plan and the counts, non-personal answers in clear, personal
 * answers sealed with the field cipher); determinations per interview and rule set fingerprint, with the rule set itself kept so that a
 * classification can be re-run and compared.
 */
export const sql = `
CREATE TABLE sentinel_sites (
  id bigserial PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]*$'),
  name text NOT NULL,
  place_code text NOT NULL,
  crossing_code text,
  population_served text NOT NULL,
  organisation_id bigint NOT NULL REFERENCES organisations(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sentinel_sites_organisation ON sentinel_sites (organisation_id);

CREATE TABLE sentinel_official_counts (
  id bigserial PRIMARY KEY,
  site_id bigint NOT NULL REFERENCES sentinel_sites(id),
  period text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL CHECK (period_end >= period_start),
  count integer NOT NULL CHECK (count >= 0),
  source text NOT NULL DEFAULT '',
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, period)
);

CREATE TABLE sentinel_rounds (
  id bigserial PRIMARY KEY,
  site_id bigint NOT NULL REFERENCES sentinel_sites(id),
  label text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  team text NOT NULL DEFAULT '',
  target_sample_size integer NOT NULL CHECK (target_sample_size > 0),
  plan_kind text CHECK (plan_kind IN ('systematic', 'time-location')),
  plan_seed bigint,
  plan jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, label)
);

CREATE TABLE sentinel_selections (
  id bigserial PRIMARY KEY,
  round_id bigint NOT NULL REFERENCES sentinel_rounds(id),
  code text NOT NULL,
  stratum text NOT NULL,
  slot text,
  arrival_number integer,
  scheduled_day date,
  scheduled_start text,
  scheduled_end text,
  selection_probability double precision NOT NULL CHECK (selection_probability > 0 AND selection_probability <= 1),
  outcome text NOT NULL DEFAULT 'pending'
    CHECK (outcome IN ('pending', 'completed', 'refused', 'not_eligible', 'not_contacted')),
  replacement boolean NOT NULL DEFAULT false,
  replaces_selection_id bigint REFERENCES sentinel_selections(id),
  outcome_recorded_by text,
  outcome_recorded_at timestamptz,
  UNIQUE (round_id, code)
);
CREATE INDEX sentinel_selections_round ON sentinel_selections (round_id, stratum);

CREATE TABLE sentinel_slot_arrivals (
  round_id bigint NOT NULL REFERENCES sentinel_rounds(id),
  slot text NOT NULL,
  arrivals integer NOT NULL CHECK (arrivals >= 0),
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (round_id, slot)
);

CREATE TABLE sentinel_instruments (
  id bigserial PRIMARY KEY,
  form_id text NOT NULL,
  version text NOT NULL,
  title text NOT NULL,
  definition jsonb NOT NULL,
  definition_hash text NOT NULL,
  previous_id bigint REFERENCES sentinel_instruments(id),
  diff jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (form_id, version)
);

CREATE TABLE sentinel_submission_batches (
  id bigserial PRIMARY KEY,
  round_id bigint NOT NULL REFERENCES sentinel_rounds(id),
  instrument_id bigint NOT NULL REFERENCES sentinel_instruments(id),
  file_name text NOT NULL,
  file_hash text NOT NULL,
  row_count integer NOT NULL,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sentinel_interviews (
  id bigserial PRIMARY KEY,
  instance_id text NOT NULL UNIQUE,
  organisation_id bigint NOT NULL REFERENCES organisations(id),
  site_id bigint NOT NULL REFERENCES sentinel_sites(id),
  round_id bigint NOT NULL REFERENCES sentinel_rounds(id),
  selection_id bigint NOT NULL UNIQUE REFERENCES sentinel_selections(id),
  instrument_id bigint NOT NULL REFERENCES sentinel_instruments(id),
  batch_id bigint NOT NULL REFERENCES sentinel_submission_batches(id),
  row_number integer NOT NULL,
  interviewed_on date,
  submitted_at timestamptz,
  selection_probability double precision NOT NULL,
  design_weight double precision NOT NULL,
  weight double precision,
  answers jsonb NOT NULL,
  canonical_answers jsonb NOT NULL,
  sealed bytea,
  key_version integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sentinel_interviews_round ON sentinel_interviews (round_id);
CREATE INDEX sentinel_interviews_site ON sentinel_interviews (site_id);

CREATE TABLE sentinel_rule_sets (
  fingerprint text PRIMARY KEY,
  rule_set_id text NOT NULL,
  version text NOT NULL,
  title text NOT NULL,
  definition jsonb NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sentinel_determinations (
  id bigserial PRIMARY KEY,
  interview_id bigint NOT NULL REFERENCES sentinel_interviews(id),
  rule_set_id text NOT NULL,
  rule_set_version text NOT NULL,
  rule_set_fingerprint text NOT NULL REFERENCES sentinel_rule_sets(fingerprint),
  status text NOT NULL CHECK (status IN ('trafficked', 'not_trafficked', 'undetermined')),
  fired_indicators jsonb NOT NULL,
  unknown_indicators jsonb NOT NULL,
  decisions jsonb NOT NULL,
  classified_by text NOT NULL,
  classified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (interview_id, rule_set_fingerprint)
);
CREATE INDEX sentinel_determinations_rule_set ON sentinel_determinations (rule_set_id, rule_set_version);
`;
