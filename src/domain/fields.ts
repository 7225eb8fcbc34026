/**
 * The integrated data model's fields for each kind of source. An imported column whose name is a
 * field name maps to it without a mapping file and is typed by it; personal fields are encrypted at
 * rest and their reads audited.
 */
export const SOURCE_KINDS = [
  'case_management',
  'hotline',
  'interview',
  'official_statistics',
  'border_event',
  'financial',
  'online_post',
] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];

export type FieldType =
  | 'text'
  | 'integer'
  | 'number'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'code'
  | 'country'
  | 'place'
  | 'crossing'
  | 'phone'
  | 'currency';

export interface FieldDefinition {
  name: string;
  type: FieldType;
  description: string;
  /** Names, birth dates, phones, documents, addresses, free text about a person: encrypted at rest. */
  personal?: boolean;
  /** Required in every row of this kind. */
  required?: boolean;
  /** Allowed values of a `code` field. */
  codes?: readonly string[];
}

export const SEX_CODES = ['female', 'male', 'other', 'unknown'] as const;
export const SECTOR_CODES = [
  'fishing',
  'construction',
  'agriculture',
  'factory',
  'domestic_work',
  'entertainment_sex_work',
  'begging',
  'other',
] as const;
export const EXPLOITATION_CODES = [
  'forced_labour',
  'sexual_exploitation',
  'forced_marriage',
  'domestic_servitude',
  'forced_begging',
  'other',
] as const;
export const RETURN_CODES = ['deported', 'rescued', 'escaped', 'returned_self', 'not_returned'] as const;
export const BORDER_EVENT_CODES = ['deportation', 'interception', 'crossing'] as const;
/** Personal fields given a blind index at import (keyed digest), so they can be searched and matched without opening them. */
export const BLIND_INDEXED_FIELDS = [
  'phone',
  'recruiter_phone',
  'reported_phone',
  'broker_phone',
  'document_number',
  'from_account',
  'to_account',
  'handle',
] as const;

const personFields: FieldDefinition[] = [
  { name: 'given_name', type: 'text', personal: true, description: 'given name(s), any script' },
  { name: 'family_name', type: 'text', personal: true, description: 'family name, any script' },
  { name: 'full_name', type: 'text', personal: true, description: 'whole name when not split, any order' },
  { name: 'name_native', type: 'text', personal: true, description: 'name in native script' },
  { name: 'sex', type: 'code', codes: SEX_CODES, description: 'sex' },
  { name: 'date_of_birth', type: 'date', personal: true, description: 'date of birth' },
  { name: 'age', type: 'integer', description: 'age in years when recorded' },
  { name: 'age_group', type: 'text', description: "age band as the source records it (e.g. '18--20')" },
  { name: 'nationality', type: 'country', description: 'ISO 3166-1 alpha-2 country of citizenship' },
  { name: 'phone', type: 'phone', personal: true, description: 'phone number, any format' },
  {
    name: 'document_number',
    type: 'text',
    personal: true,
    description: 'passport, ID card or border pass number',
  },
  { name: 'address', type: 'text', personal: true, description: 'address' },
  { name: 'origin_village', type: 'text', personal: true, description: 'village of origin' },
  { name: 'origin_province', type: 'place', description: 'province of origin (gazetteer)' },
];

export const FIELDS_BY_KIND: Record<SourceKind, readonly FieldDefinition[]> = {
  case_management: [
    { name: 'case_id', type: 'text', required: true, description: "the agency's case number" },
    ...personFields,
    { name: 'registration_year', type: 'integer', description: 'year the case was registered' },
    { name: 'is_forced_labour', type: 'boolean', description: 'exploited in forced labour' },
    { name: 'is_sexual_exploitation', type: 'boolean', description: 'sexually exploited' },
    { name: 'identified_on', type: 'date', description: 'date the person was identified as a victim' },
    { name: 'identified_by', type: 'text', description: 'who identified the person' },
    {
      name: 'exploitation_type',
      type: 'code',
      codes: EXPLOITATION_CODES,
      description: 'type of exploitation',
    },
    { name: 'sector', type: 'code', codes: SECTOR_CODES, description: 'sector of exploitation' },
    { name: 'country_of_exploitation', type: 'country', description: 'ISO 3166-1 alpha-2' },
    { name: 'province_of_exploitation', type: 'place', description: 'province of exploitation (gazetteer)' },
    { name: 'returned_how', type: 'code', codes: RETURN_CODES, description: 'how the person came back' },
    { name: 'recruiter_name', type: 'text', personal: true, description: 'name of the recruiter or broker' },
    { name: 'recruiter_phone', type: 'phone', personal: true, description: "recruiter's phone" },
    { name: 'referred_by', type: 'text', description: 'agency that referred the case' },
  ],
  hotline: [
    { name: 'call_id', type: 'text', required: true, description: 'call or report number' },
    { name: 'received_at', type: 'datetime', description: 'when the call came in' },
    ...personFields,
    { name: 'location', type: 'place', description: 'where the situation is (gazetteer)' },
    { name: 'country_of_exploitation', type: 'country', description: 'ISO 3166-1 alpha-2' },
    { name: 'sector', type: 'code', codes: SECTOR_CODES, description: 'sector' },
    {
      name: 'reported_name',
      type: 'text',
      personal: true,
      description: 'name of a suspected trafficker or broker',
    },
    {
      name: 'reported_phone',
      type: 'phone',
      personal: true,
      description: 'phone of a suspected trafficker or broker',
    },
    { name: 'summary', type: 'text', personal: true, description: 'what the caller said' },
  ],
  interview: [
    { name: 'interview_id', type: 'text', required: true, description: 'interview number' },
    { name: 'interviewed_on', type: 'date', description: 'date of the interview' },
    { name: 'site', type: 'text', description: 'sentinel site' },
    { name: 'round', type: 'text', description: 'survey round' },
    ...personFields,
    { name: 'destination_country', type: 'country', description: 'country of work' },
    { name: 'sector', type: 'code', codes: SECTOR_CODES, description: 'sector of work' },
    { name: 'returned_how', type: 'code', codes: RETURN_CODES, description: 'how the person came back' },
    { name: 'trafficked', type: 'boolean', description: 'classified as trafficked' },
    { name: 'broker_name', type: 'text', personal: true, description: 'name of the broker used' },
    { name: 'broker_phone', type: 'phone', personal: true, description: "broker's phone" },
    {
      name: 'selection_probability',
      type: 'number',
      description: 'probability of selection into the sample',
    },
  ],
  official_statistics: [
    { name: 'indicator', type: 'text', required: true, description: 'what is counted' },
    { name: 'place', type: 'place', description: 'where (gazetteer)' },
    { name: 'country', type: 'country', description: 'ISO 3166-1 alpha-2' },
    { name: 'period_start', type: 'date', required: true, description: 'first day of the period' },
    { name: 'period_end', type: 'date', description: 'last day of the period' },
    { name: 'sex', type: 'code', codes: SEX_CODES, description: 'sex, when broken down' },
    { name: 'value', type: 'number', required: true, description: 'the count or value' },
    { name: 'unit', type: 'text', description: 'unit of the value' },
  ],
  border_event: [
    { name: 'event_id', type: 'text', description: 'event or report number' },
    {
      name: 'crossing',
      type: 'crossing',
      required: true,
      description: 'border crossing (gazetteer id or name)',
    },
    { name: 'week_start', type: 'date', required: true, description: 'Monday of the ISO week' },
    {
      name: 'event_type',
      type: 'code',
      codes: BORDER_EVENT_CODES,
      required: true,
      description: 'what happened',
    },
    { name: 'from_country', type: 'country', description: 'ISO 3166-1 alpha-2' },
    { name: 'to_country', type: 'country', description: 'ISO 3166-1 alpha-2' },
    { name: 'sex', type: 'code', codes: SEX_CODES, description: 'sex, when broken down' },
    { name: 'count', type: 'integer', required: true, description: 'number of persons' },
  ],
  financial: [
    { name: 'transaction_id', type: 'text', required: true, description: 'transaction reference' },
    { name: 'occurred_at', type: 'datetime', required: true, description: 'when the money moved' },
    {
      name: 'from_account',
      type: 'text',
      personal: true,
      required: true,
      description: 'paying account or wallet',
    },
    {
      name: 'to_account',
      type: 'text',
      personal: true,
      required: true,
      description: 'receiving account or wallet',
    },
    { name: 'from_name', type: 'text', personal: true, description: 'payer name' },
    { name: 'to_name', type: 'text', personal: true, description: 'payee name' },
    { name: 'amount', type: 'number', required: true, description: 'amount in the currency' },
    { name: 'currency', type: 'currency', description: 'ISO 4217 code' },
    { name: 'channel', type: 'text', description: 'bank, mobile money, remittance agent, cash' },
    { name: 'from_country', type: 'country', description: 'ISO 3166-1 alpha-2' },
    { name: 'to_country', type: 'country', description: 'ISO 3166-1 alpha-2' },
  ],
  online_post: [
    { name: 'post_id', type: 'text', required: true, description: 'post identifier' },
    { name: 'posted_at', type: 'datetime', description: 'when it was posted' },
    { name: 'platform', type: 'text', description: 'site or app' },
    { name: 'language', type: 'text', description: 'language code' },
    { name: 'text', type: 'text', personal: true, description: 'the text of the post' },
    { name: 'handle', type: 'text', personal: true, description: "poster's handle" },
    { name: 'phone', type: 'phone', personal: true, description: 'phone number in the post' },
    { name: 'url', type: 'text', description: 'address of the post' },
    { name: 'location', type: 'place', description: 'place named in the post (gazetteer)' },
  ],
};

/** The field that identifies a row within its source (its own record number). */
export const RECORD_KEY_BY_KIND: Record<SourceKind, string | undefined> = {
  case_management: 'case_id',
  hotline: 'call_id',
  interview: 'interview_id',
  official_statistics: undefined,
  border_event: 'event_id',
  financial: 'transaction_id',
  online_post: 'post_id',
};

export function isSourceKind(value: string): value is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}

export function fieldsOf(kind: SourceKind): readonly FieldDefinition[] {
  return FIELDS_BY_KIND[kind];
}
