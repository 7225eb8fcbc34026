import type { Random } from '../analytics/common/random.ts';
import { excelSerial, formatDate, isoDateTime } from './identifiers.ts';
import { stripDiacritics } from './names.ts';
import { PROVINCE_BY_CODE } from './places.ts';
import type { TruePerson } from './population.ts';
import type { MissingRates, ObservedPerson } from './records.ts';
import type { ListName } from './scenarios.ts';
import { type Cell, type SourceSpec, sourceSpec } from './tables.ts';

/**
 * The six victim lists as their agencies write them: each has its own columns, date format, code
 * lists, delimiter and encoding, a mapping file in the platform's format, its missing-value rates and
 * its within-list duplicate rate (the same person recorded twice by the same agency).
 *
 * | list | agency | file | layout |
 * |---|---|---|---|
 * | police | Cambodian anti-trafficking police | CSV `;`, UTF-8 with BOM | DD/MM/YYYY, M/F, family and given name columns, Khmer-script column |
 * | ngo_shelter | NGO shelter | XLSX, sheet `Cases` | Excel serial dates, one full-name column, Female/Male |
 * | hotline | hotline | NDJSON | ISO date-times, age only, free-text sector labels |
 * | returns | Thai immigration returns | CSV `,`, Windows-874, Thai headers | D/M/YYYY, ชาย/หญิง, no diacritics |
 * | labour_inspection | labour inspectorate | tab-delimited UTF-16LE (Excel "Unicode text") | DD-MM-YYYY, worker name given-first |
 * | iom_cases | IOM-style case management | CSV `,`, UTF-8 | M/D/YYYY, ISO-3 nationality, province codes |
 */
export interface ListRecordContext {
  recordId: string;
  person: TruePerson;
  observed: ObservedPerson;
  identifiedDay: number;
  /** Organisation label of the list that referred the person here, or null. */
  referredBy: string | null;
  random: Random;
}

export interface ListSource extends SourceSpec {
  list: ListName;
  shortLabel: string;
  missing: MissingRates;
  duplicateRate: number;
  recordPrefix: string;
  render(context: ListRecordContext): Cell[];
}

const SECTOR_LABELS_POLICE: Record<string, string> = {
  fishing: 'Fishing',
  construction: 'Construction',
  agriculture: 'Agriculture',
  factory: 'Factory',
  domestic_work: 'Domestic work',
  entertainment_sex_work: 'Entertainment/Sex work',
  begging: 'Begging',
  other: 'Other',
};
const SECTOR_LABELS_HOTLINE: Record<string, string> = {
  fishing: 'fishing boat',
  construction: 'construction site',
  agriculture: 'farm/plantation',
  factory: 'factory',
  domestic_work: 'housework',
  entertainment_sex_work: 'karaoke/massage',
  begging: 'begging on street',
  other: 'other',
};
const SECTOR_LABELS_INSPECTION: Record<string, string> = {
  fishing: 'Sea fishing',
  construction: 'Construction',
  agriculture: 'Agriculture',
  factory: 'Manufacturing',
  domestic_work: 'Domestic',
  entertainment_sex_work: 'Entertainment',
  begging: 'Other services',
  other: 'Other',
};
const SECTOR_CODES_IOM: Record<string, string> = {
  fishing: 'FISH',
  construction: 'CONS',
  agriculture: 'AGRI',
  factory: 'FACT',
  domestic_work: 'DOM',
  entertainment_sex_work: 'SEX',
  begging: 'BEG',
  other: 'OTH',
};
const EXPLOITATION_POLICE: Record<string, string> = {
  forced_labour: 'FL',
  sexual_exploitation: 'SE',
  forced_marriage: 'FM',
  domestic_servitude: 'DS',
  forced_begging: 'FB',
  other: 'OT',
};
const EXPLOITATION_INSPECTION: Record<string, string> = {
  forced_labour: 'Forced labour',
  sexual_exploitation: 'Sexual exploitation',
  forced_marriage: 'Other',
  domestic_servitude: 'Domestic servitude',
  forced_begging: 'Forced begging',
  other: 'Other',
};
const RETURN_POLICE: Record<string, string> = {
  deported: 'Deported',
  rescued: 'Rescued',
  escaped: 'Escaped',
  returned_self: 'Self-returned',
  not_returned: 'Still abroad',
};
const RETURN_THAI: Record<string, string> = {
  deported: 'เนรเทศ',
  rescued: 'ช่วยเหลือ',
  escaped: 'หลบหนี',
  returned_self: 'กลับเอง',
  not_returned: 'ยังไม่กลับ',
};
const RETURN_IOM: Record<string, string> = {
  deported: 'DEP',
  rescued: 'RES',
  escaped: 'ESC',
  returned_self: 'VOL',
  not_returned: 'NR',
};
const NATIONALITY_ADJECTIVE: Record<string, string> = {
  KH: 'Cambodian',
  TH: 'Thai',
  LA: 'Lao',
  MM: 'Myanmar',
  VN: 'Vietnamese',
  CN: 'Chinese',
};
const COUNTRY_ENGLISH: Record<string, string> = {
  KH: 'Cambodia',
  TH: 'Thailand',
  LA: 'Laos',
  MM: 'Myanmar',
  VN: 'Vietnam',
  CN: 'China',
};
const COUNTRY_THAI: Record<string, string> = {
  KH: 'กัมพูชา',
  MM: 'เมียนมา',
  LA: 'ลาว',
  VN: 'เวียดนาม',
  CN: 'จีน',
  TH: 'ไทย',
};
const ISO3: Record<string, string> = { KH: 'KHM', TH: 'THA', LA: 'LAO', MM: 'MMR', VN: 'VNM', CN: 'CHN' };

/** Inverts a code → label table into the mapping file's label → code table. */
function codesFrom(table: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, label] of Object.entries(table)) if (!(label in out)) out[label] = code;
  return out;
}

function provinceText(code: string | null, random: Random): string | null {
  if (code === null) return null;
  const province = PROVINCE_BY_CODE.get(code);
  if (!province) return code;
  return random.next() < 0.1 ? random.pick(province.variants) : province.name;
}

function dateText(parts: ObservedPerson['dateOfBirth'], format: string): string | null {
  return parts === null ? null : formatDate(parts, format);
}

const dayParts = (day: number) => {
  const date = new Date(day * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

function recruiterName(person: TruePerson, random: Random): string | null {
  const recruiter = person.recruiter;
  if (!recruiter || random.next() < 0.5) return null;
  if (random.next() < 0.4) return recruiter.nickname;
  return recruiter.familyName ? `${recruiter.givenName} ${recruiter.familyName}` : recruiter.givenName;
}

const police = (): ListSource => {
  const table = {
    id: 'source:police',
    path: 'sources/police/ahtjp_cases.csv',
    format: 'csv' as const,
    delimiter: ';',
    encoding: 'utf-8-bom' as const,
    columns: [
      'CaseNo',
      'FamilyName',
      'GivenName',
      'KhmerName',
      'Gender',
      'DOB',
      'Nationality',
      'Mobile',
      'Village',
      'Province',
      'DateIdentified',
      'Exploitation',
      'Sector',
      'CountryExploited',
      'ReturnedBy',
      'BrokerName',
      'BrokerPhone',
    ],
  };
  const spec = sourceSpec(
    'police',
    'case_management',
    'Anti-Human Trafficking and Juvenile Protection Police (KH)',
    table,
    {
      case_id: 'CaseNo',
      family_name: 'FamilyName',
      given_name: 'GivenName',
      name_native: 'KhmerName',
      sex: { column: 'Gender', codes: { M: 'male', F: 'female' } },
      date_of_birth: { column: 'DOB', format: 'DD/MM/YYYY' },
      nationality: { column: 'Nationality', codes: codesFrom(NATIONALITY_ADJECTIVE) },
      phone: 'Mobile',
      origin_village: 'Village',
      origin_province: 'Province',
      identified_on: { column: 'DateIdentified', format: 'DD/MM/YYYY' },
      identified_by: { value: 'police' },
      exploitation_type: { column: 'Exploitation', codes: codesFrom(EXPLOITATION_POLICE) },
      sector: { column: 'Sector', codes: codesFrom(SECTOR_LABELS_POLICE) },
      country_of_exploitation: { column: 'CountryExploited', codes: codesFrom(COUNTRY_ENGLISH) },
      returned_how: { column: 'ReturnedBy', codes: codesFrom(RETURN_POLICE) },
      recruiter_name: 'BrokerName',
      recruiter_phone: 'BrokerPhone',
    },
  );
  return {
    ...spec,
    list: 'police',
    shortLabel: 'Police',
    missing: { dateOfBirth: 0.2, phone: 0.4, village: 0.15, province: 0.05, nameNative: 0.3 },
    duplicateRate: 0.03,
    recordPrefix: 'AHT-',
    render: ({ recordId, person, observed, identifiedDay, random }) => {
      const broker = recruiterName(person, random);
      return [
        recordId,
        observed.familyName,
        observed.givenName,
        observed.nameNative,
        person.sex === 'male' ? 'M' : 'F',
        dateText(observed.dateOfBirth, 'DD/MM/YYYY'),
        NATIONALITY_ADJECTIVE[person.nationality],
        observed.phone,
        observed.village,
        provinceText(observed.province, random),
        formatDate(dayParts(identifiedDay), 'DD/MM/YYYY'),
        EXPLOITATION_POLICE[person.exploitation ?? 'other'],
        SECTOR_LABELS_POLICE[person.sector],
        COUNTRY_ENGLISH[person.route.destination],
        RETURN_POLICE[person.returnedHow],
        broker,
        broker && person.recruiter && random.next() < 0.6 ? person.recruiter.phone.replace('+', '00') : null,
      ];
    },
  };
};

const shelter = (): ListSource => {
  const table = {
    id: 'source:ngo_shelter',
    path: 'sources/ngo_shelter/shelter_clients.xlsx',
    format: 'xlsx' as const,
    sheet: 'Cases',
    columns: [
      'Client ID',
      'Full Name',
      'Name (native script)',
      'Sex',
      'Date of Birth',
      'Age',
      'Nationality',
      'Phone',
      'Home village',
      'Home province',
      'Admission date',
      'Referred by',
      'Sector',
      'Type of exploitation',
      'Country of exploitation',
    ],
  };
  const spec = sourceSpec('ngo_shelter', 'case_management', 'Mekong Shelter Network (NGO)', table, {
    case_id: 'Client ID',
    full_name: 'Full Name',
    name_native: 'Name (native script)',
    sex: { column: 'Sex', codes: { Female: 'female', Male: 'male' } },
    date_of_birth: { column: 'Date of Birth', format: 'excel' },
    age: 'Age',
    nationality: 'Nationality',
    phone: 'Phone',
    origin_village: 'Home village',
    origin_province: 'Home province',
    identified_on: { column: 'Admission date', format: 'excel' },
    identified_by: { value: 'ngo_shelter' },
    referred_by: 'Referred by',
    sector: 'Sector',
    exploitation_type: 'Type of exploitation',
    country_of_exploitation: 'Country of exploitation',
  });
  return {
    ...spec,
    list: 'ngo_shelter',
    shortLabel: 'NGO shelter',
    missing: { dateOfBirth: 0.3, age: 0.1, phone: 0.25, village: 0.2, nameNative: 0.4 },
    duplicateRate: 0.01,
    recordPrefix: 'SH',
    render: ({ recordId, person, observed, identifiedDay, referredBy, random }) => [
      recordId,
      observed.fullName,
      observed.nameNative,
      person.sex === 'female' ? 'Female' : 'Male',
      observed.dateOfBirth ? excelSerial(observed.dateOfBirth) : null,
      observed.age,
      person.nationality,
      observed.phone,
      observed.village,
      provinceText(observed.province, random),
      excelSerial(dayParts(identifiedDay)),
      referredBy,
      person.sector,
      person.exploitation,
      person.route.destination,
    ],
  };
};

const SUMMARY_TEMPLATES = [
  'Caller says {who} was promised work in {country} but is not paid and cannot leave.',
  'Mother reports {who} went to {country} with a broker and lost contact.',
  '{who} called from {country}: passport kept by employer, debt for the trip.',
  'Neighbour reports {who} working in {sector} in {country}, locked in at night.',
];

const hotline = (): ListSource => {
  const table = {
    id: 'source:hotline',
    path: 'sources/hotline/calls.ndjson',
    format: 'ndjson' as const,
    columns: [
      'call_ref',
      'received',
      'victim_name',
      'victim_sex',
      'victim_age',
      'victim_phone',
      'victim_home',
      'location',
      'country',
      'sector_text',
      'suspect_name',
      'suspect_phone',
      'summary',
    ],
  };
  const spec = sourceSpec('hotline', 'hotline', 'Regional anti-trafficking hotline 1280', table, {
    call_id: 'call_ref',
    received_at: 'received',
    full_name: 'victim_name',
    sex: { column: 'victim_sex', codes: { f: 'female', m: 'male', '?': 'unknown' } },
    age: 'victim_age',
    phone: 'victim_phone',
    origin_village: 'victim_home',
    location: 'location',
    country_of_exploitation: 'country',
    sector: { column: 'sector_text', codes: codesFrom(SECTOR_LABELS_HOTLINE) },
    reported_name: 'suspect_name',
    reported_phone: 'suspect_phone',
    summary: 'summary',
  });
  return {
    ...spec,
    list: 'hotline',
    shortLabel: 'Hotline',
    missing: { phone: 0.5, village: 0.5, age: 0.2, nameNative: 1 },
    duplicateRate: 0.08,
    recordPrefix: 'HL',
    render: ({ recordId, person, observed, identifiedDay, random }) => {
      const broker = recruiterName(person, random);
      const summary = random
        .pick(SUMMARY_TEMPLATES)
        .replace('{who}', person.sex === 'female' ? 'a young woman' : 'a young man')
        .replace('{country}', COUNTRY_ENGLISH[person.route.destination])
        .replace('{sector}', SECTOR_LABELS_HOTLINE[person.sector]);
      return [
        recordId,
        isoDateTime(identifiedDay, 6 * 60 + random.integer(16 * 60)),
        observed.fullName,
        random.next() < 0.05 ? '?' : person.sex === 'female' ? 'f' : 'm',
        observed.age,
        observed.phone,
        observed.village,
        person.destinationProvince,
        person.route.destination,
        SECTOR_LABELS_HOTLINE[person.sector],
        broker,
        broker && person.recruiter && random.next() < 0.7 ? person.recruiter.phone : null,
        summary,
      ];
    },
  };
};

const returns = (): ListSource => {
  const table = {
    id: 'source:returns',
    path: 'sources/returns/returns_th_immigration.csv',
    format: 'csv' as const,
    delimiter: ',',
    encoding: 'windows-874' as const,
    columns: [
      'เลขที่',
      'ชื่อ',
      'นามสกุล',
      'เพศ',
      'วันเกิด',
      'สัญชาติ',
      'เลขที่หนังสือเดินทาง',
      'ด่านส่งกลับ',
      'วันที่ส่งกลับ',
      'วิธีกลับ',
    ],
  };
  const spec = sourceSpec('returns', 'case_management', 'Immigration Bureau returns desk (TH)', table, {
    case_id: 'เลขที่',
    given_name: 'ชื่อ',
    family_name: 'นามสกุล',
    sex: { column: 'เพศ', codes: { ชาย: 'male', หญิง: 'female' } },
    date_of_birth: { column: 'วันเกิด', format: 'D/M/YYYY' },
    nationality: { column: 'สัญชาติ', codes: codesFrom(COUNTRY_THAI) },
    document_number: 'เลขที่หนังสือเดินทาง',
    identified_on: { column: 'วันที่ส่งกลับ', format: 'D/M/YYYY' },
    identified_by: { value: 'returns' },
    returned_how: { column: 'วิธีกลับ', codes: codesFrom(RETURN_THAI) },
  });
  return {
    ...spec,
    list: 'returns',
    shortLabel: 'Immigration returns',
    missing: { dateOfBirth: 0.1, document: 0.3, nameNative: 1 },
    duplicateRate: 0.02,
    recordPrefix: 'RT',
    // Windows-874 holds Thai and ASCII only: clerks write Vietnamese names without diacritics.
    render: ({ recordId, person, observed, identifiedDay }) => [
      recordId,
      stripDiacritics(observed.givenName),
      stripDiacritics(observed.familyName),
      person.sex === 'male' ? 'ชาย' : 'หญิง',
      dateText(observed.dateOfBirth, 'D/M/YYYY'),
      COUNTRY_THAI[person.nationality],
      observed.document,
      person.returnCrossing ?? 'สนามบิน',
      formatDate(dayParts(identifiedDay), 'D/M/YYYY'),
      RETURN_THAI[person.returnedHow],
    ],
  };
};

const inspection = (): ListSource => {
  const table = {
    id: 'source:labour_inspection',
    path: 'sources/labour_inspection/inspections_unicode.csv',
    format: 'csv' as const,
    delimiter: '\t',
    encoding: 'utf-16le' as const,
    columns: [
      'Inspection No',
      'Workplace province',
      'Worker name',
      'Sex',
      'Date of birth',
      'Nationality',
      'Passport/Work permit',
      'Sector',
      'Inspection date',
      'Finding',
    ],
  };
  const spec = sourceSpec(
    'labour_inspection',
    'case_management',
    'Department of Labour Protection inspectorate (TH)',
    table,
    {
      case_id: 'Inspection No',
      province_of_exploitation: 'Workplace province',
      full_name: 'Worker name',
      sex: { column: 'Sex', codes: { Male: 'male', Female: 'female' } },
      date_of_birth: { column: 'Date of birth', format: 'DD-MM-YYYY' },
      nationality: { column: 'Nationality', codes: codesFrom(COUNTRY_ENGLISH) },
      document_number: 'Passport/Work permit',
      sector: { column: 'Sector', codes: codesFrom(SECTOR_LABELS_INSPECTION) },
      identified_on: { column: 'Inspection date', format: 'DD-MM-YYYY' },
      identified_by: { value: 'labour_inspection' },
      exploitation_type: { column: 'Finding', codes: codesFrom(EXPLOITATION_INSPECTION) },
    },
  );
  return {
    ...spec,
    list: 'labour_inspection',
    shortLabel: 'Labour inspection',
    missing: { dateOfBirth: 0.25, document: 0.2, nameNative: 1 },
    duplicateRate: 0.01,
    recordPrefix: 'LI-',
    render: ({ recordId, person, observed, identifiedDay }) => [
      recordId,
      person.destinationProvince,
      observed.familyName ? `${observed.givenName} ${observed.familyName}` : observed.givenName,
      person.sex === 'male' ? 'Male' : 'Female',
      dateText(observed.dateOfBirth, 'DD-MM-YYYY'),
      COUNTRY_ENGLISH[person.nationality],
      observed.document,
      SECTOR_LABELS_INSPECTION[person.sector],
      formatDate(dayParts(identifiedDay), 'DD-MM-YYYY'),
      EXPLOITATION_INSPECTION[person.exploitation ?? 'other'],
    ],
  };
};

const iom = (): ListSource => {
  const table = {
    id: 'source:iom_cases',
    path: 'sources/iom_cases/iom_case_management.csv',
    format: 'csv' as const,
    delimiter: ',',
    encoding: 'utf-8' as const,
    columns: [
      'case_number',
      'first_name',
      'last_name',
      'native_name',
      'gender',
      'dob',
      'nationality',
      'phone_number',
      'origin_village',
      'origin_province_code',
      'identification_date',
      'referral_source',
      'sector_code',
      'exploitation',
      'destination_country',
      'return_type',
      'recruiter',
    ],
  };
  const spec = sourceSpec(
    'iom_cases',
    'case_management',
    'IOM-style return and reintegration case management',
    table,
    {
      case_id: 'case_number',
      given_name: 'first_name',
      family_name: 'last_name',
      name_native: 'native_name',
      sex: { column: 'gender', codes: { F: 'female', M: 'male' } },
      date_of_birth: { column: 'dob', format: 'M/D/YYYY' },
      nationality: { column: 'nationality', codes: codesFrom(ISO3) },
      phone: 'phone_number',
      origin_village: 'origin_village',
      origin_province: 'origin_province_code',
      identified_on: { column: 'identification_date', format: 'M/D/YYYY' },
      identified_by: { value: 'iom_cases' },
      referred_by: 'referral_source',
      sector: { column: 'sector_code', codes: codesFrom(SECTOR_CODES_IOM) },
      exploitation_type: 'exploitation',
      country_of_exploitation: 'destination_country',
      returned_how: { column: 'return_type', codes: codesFrom(RETURN_IOM) },
      recruiter_name: 'recruiter',
    },
  );
  return {
    ...spec,
    list: 'iom_cases',
    shortLabel: 'IOM',
    missing: { dateOfBirth: 0.1, phone: 0.2, village: 0.1, nameNative: 0.2 },
    duplicateRate: 0.01,
    recordPrefix: 'IOM-',
    render: ({ recordId, person, observed, identifiedDay, referredBy, random }) => [
      recordId,
      observed.givenName,
      observed.familyName,
      observed.nameNative,
      person.sex === 'female' ? 'F' : 'M',
      dateText(observed.dateOfBirth, 'M/D/YYYY'),
      ISO3[person.nationality],
      observed.phone,
      observed.village,
      observed.province,
      formatDate(dayParts(identifiedDay), 'M/D/YYYY'),
      referredBy,
      SECTOR_CODES_IOM[person.sector],
      person.exploitation,
      person.route.destination,
      RETURN_IOM[person.returnedHow],
      recruiterName(person, random),
    ],
  };
};

/** The list sources in LIST_NAMES order. */
export function listSources(): ListSource[] {
  return [police(), shelter(), hotline(), returns(), inspection(), iom()];
}
