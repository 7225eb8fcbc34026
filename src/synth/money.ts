import type { Random } from '../analytics/common/random.ts';
import { weekStartDay } from './calendar.ts';
import { drawAccount, isoDateTime } from './identifiers.ts';
import type { Member, Organisation, OrganisationWorld } from './organisations.ts';
import type { Country } from './places.ts';
import type { TruePerson } from './population.ts';
import { type Cell, type SourceSpec, sourceSpec, type TableSpec, type WorldSink } from './tables.ts';

/**
 * Money of the synthetic world, written as a financial-intelligence unit's transaction extract
 * (financial source) with the true pattern of each transaction in truth/transactions.csv.
 *
 * Per migrant recruited through an organisation: the family pays the recruitment fee to the
 * recruiter; the recruiter pays the transporter per head; the employer pays the recruiter per head
 * (payments along the chain); victims get partial wages (the rest withheld, the amount in the truth)
 * and, when indebted, repay the financier. Per returned migrant, sometimes, a remittance home
 * (legitimate background). Per organisation and four-week period: recruiters pass a share to the
 * organiser; the organiser pays corrupt officials and the financier; the financier launders through
 * mules who pass the money on within hours keeping ~3% (rapid pass-through); the organiser deposits
 * cash in amounts just under the USD 10,000 reporting threshold (structuring); and a round of
 * payments among three members returns to its start within days (a cycle).
 */
export const REPORTING_THRESHOLD_USD = 10_000;

const CURRENCY: Record<Country, string> = {
  KH: 'USD',
  TH: 'THB',
  LA: 'LAK',
  MM: 'MMK',
  VN: 'VND',
  CN: 'CNY',
};
const PER_USD: Record<string, number> = { USD: 1, THB: 35, LAK: 20_000, MMK: 2_100, VND: 24_000, CNY: 7.2 };

export type MoneyPattern =
  | 'recruitment_fee'
  | 'transport_payment'
  | 'per_head_payment'
  | 'partial_wage'
  | 'debt_repayment'
  | 'remittance'
  | 'share_to_organiser'
  | 'bribe'
  | 'financier_transfer'
  | 'mule_pass_through'
  | 'structuring'
  | 'cycle';

export const MONEY_TABLES: TableSpec[] = [
  {
    id: 'truth:transactions',
    path: 'truth/transactions.csv',
    format: 'csv',
    columns: ['transaction_id', 'pattern', 'organisation_id', 'person_id', 'amount_usd', 'withheld_usd'],
  },
];

export function moneySource(): SourceSpec {
  const table: TableSpec = {
    id: 'source:transactions',
    path: 'sources/transactions/fiu_transactions.csv',
    format: 'csv',
    delimiter: ',',
    encoding: 'utf-8',
    columns: [
      'txn_ref',
      'timestamp',
      'debit_account',
      'debit_name',
      'credit_account',
      'credit_name',
      'amount',
      'ccy',
      'channel',
      'debit_country',
      'credit_country',
    ],
  };
  return sourceSpec(
    'transactions',
    'financial',
    'Financial Intelligence Unit (suspicious transaction extract)',
    table,
    {
      transaction_id: 'txn_ref',
      occurred_at: 'timestamp',
      from_account: 'debit_account',
      from_name: 'debit_name',
      to_account: 'credit_account',
      to_name: 'credit_name',
      amount: 'amount',
      currency: 'ccy',
      channel: 'channel',
      from_country: 'debit_country',
      to_country: 'credit_country',
    },
  );
}

interface Party {
  account: string;
  name: string;
  country: Country;
}

const memberParty = (member: Member): Party => ({
  account: member.account,
  name: member.familyName ? `${member.givenName} ${member.familyName}` : member.givenName,
  country: member.country,
});

/** Streams transactions as they are generated, numbering them. */
export class MoneyWriter {
  private count = 0;
  private readonly organisationsById: Map<string, Organisation>;

  constructor(
    private readonly sink: WorldSink,
    private readonly random: Random,
    world: OrganisationWorld,
  ) {
    this.organisationsById = new Map(
      world.organisations.map((organisation) => [organisation.id, organisation]),
    );
  }

  get written(): number {
    return this.count;
  }

  transfer(
    from: Party,
    to: Party,
    amountUsd: number,
    day: number,
    minute: number,
    channel: string,
    pattern: MoneyPattern,
    organisationId: string | null,
    personId: string | null,
    withheldUsd: number | null = null,
    currencyOverride?: string,
  ): void {
    this.count++;
    const id = `TX${String(this.count).padStart(9, '0')}`;
    const currency = currencyOverride ?? CURRENCY[from.country];
    const amount = Math.round(amountUsd * PER_USD[currency] * 100) / 100;
    const row: Cell[] = [
      id,
      isoDateTime(day, Math.max(0, Math.min(1439, minute))),
      from.account,
      from.name,
      to.account,
      to.name,
      amount,
      currency,
      channel,
      from.country,
      to.country,
    ];
    this.sink.row('source:transactions', row);
    this.sink.row('truth:transactions', [
      id,
      pattern,
      organisationId,
      personId,
      Math.round(amountUsd * 100) / 100,
      withheldUsd,
    ]);
  }

  /** Per-migrant flows, called as each person is generated. */
  person(person: TruePerson, endDay: number): void {
    const random = this.random;
    const brokered = person.recruiter !== null && person.transporter !== null && person.employer !== null;
    const remits = person.returnDay !== null && random.next() < 0.15;
    if (!brokered && !remits) return;
    const family: Party = {
      account: drawAccount(person.nationality, random, 'wallet'),
      name: `${person.name.family?.roman[0] ?? ''} family`.trim(),
      country: person.nationality,
    };
    const own: Party = {
      account: drawAccount(person.nationality, random, 'wallet'),
      name: person.name.given.map((g) => g.roman[0]).join(' '),
      country: person.nationality,
    };
    const day = (offset: number) => Math.min(endDay - 1, person.migratedDay + offset);
    if (brokered && person.recruiter && person.transporter && person.employer) {
      const organisation = person.recruiter.organisationId;
      const fee = 200 + random.gamma(2, 250);
      this.transfer(
        family,
        memberParty(person.recruiter),
        fee,
        day(-3 - random.integer(10)),
        480 + random.integer(600),
        'mobile money',
        'recruitment_fee',
        organisation,
        person.id,
      );
      this.transfer(
        memberParty(person.recruiter),
        memberParty(person.transporter),
        50 + random.gamma(2, 40),
        day(random.integer(3)),
        480 + random.integer(600),
        'mobile money',
        'transport_payment',
        organisation,
        person.id,
      );
      this.transfer(
        memberParty(person.employer),
        memberParty(person.recruiter),
        300 + random.gamma(2, 200),
        day(7 + random.integer(20)),
        480 + random.integer(600),
        'bank',
        'per_head_payment',
        organisation,
        person.id,
      );
      if (person.victim) {
        const owed = 250 + random.gamma(2, 80);
        const paid = owed * random.next() * 0.4;
        this.transfer(
          memberParty(person.employer),
          own,
          paid,
          day(40 + random.integer(60)),
          480 + random.integer(600),
          'cash deposit',
          'partial_wage',
          organisation,
          person.id,
          Math.round((owed - paid) * 100) / 100,
        );
        if (random.next() < 0.5) {
          const financier = this.organisationsById.get(organisation)!.byRole.financier[0];
          this.transfer(
            own,
            memberParty(financier),
            100 + random.gamma(2, 60),
            day(70 + random.integer(60)),
            480 + random.integer(600),
            'mobile money',
            'debt_repayment',
            organisation,
            person.id,
          );
        }
      }
    }
    if (remits && person.returnDay !== null) {
      this.transfer(
        own,
        family,
        50 + random.gamma(2, 60),
        Math.max(person.migratedDay + 30, person.returnDay - 10 - random.integer(60)),
        600 + random.integer(600),
        'remittance agent',
        'remittance',
        null,
        person.id,
      );
    }
  }

  /** Organisation-level flows over the world's weeks, after the people. */
  organisations(world: OrganisationWorld, weeks: number): void {
    const random = this.random;
    const periods = Math.ceil(weeks / 4);
    for (const organisation of world.organisations) {
      const offshore: Party = {
        account: `HK${String(random.integer(1e9)).padStart(9, '0')}`,
        name: `${organisation.name} Holdings Ltd`,
        country: 'CN',
      };
      for (let period = 0; period < periods; period++) {
        const start = weekStartDay(period * 4);
        if (random.next() < 0.6) this.periodFlows(organisation, start, offshore);
      }
    }
  }

  private periodFlows(organisation: Organisation, start: number, offshore: Party): void {
    const random = this.random;
    const roles = organisation.byRole;
    const organiser = memberParty(roles.organiser[0]);
    const id = organisation.id;
    let pooled = 0;
    for (const recruiter of roles.recruiter) {
      if (random.next() < 0.3) continue;
      const share = 500 + random.gamma(2, 600);
      pooled += share;
      this.transfer(
        memberParty(recruiter),
        organiser,
        share,
        start + random.integer(28),
        420 + random.integer(720),
        'bank',
        'share_to_organiser',
        id,
        null,
      );
    }
    for (const official of roles.corrupt_official)
      if (random.next() < 0.5)
        this.transfer(
          organiser,
          memberParty(official),
          300 + random.gamma(2, 300),
          start + random.integer(28),
          1080 + random.integer(300),
          'cash',
          'bribe',
          id,
          null,
        );
    const financier = memberParty(roles.financier[0]);
    const toFinancier = pooled * 0.6 + 2_000;
    const day = start + random.integer(20);
    this.transfer(
      organiser,
      financier,
      toFinancier,
      day,
      600 + random.integer(300),
      'bank',
      'financier_transfer',
      id,
      null,
    );
    // Laundering through mules: in and out within hours, ~3% commission per hop.
    let amount = toFinancier * 0.8;
    let from = financier;
    let minute = 600 + random.integer(300);
    for (const mule of roles.money_mule) {
      const to = memberParty(mule);
      this.transfer(from, to, amount, day + 1, minute, 'bank', 'mule_pass_through', id, null);
      amount *= 0.97;
      minute += 20 + random.integer(100);
      from = to;
    }
    this.transfer(
      from,
      offshore,
      amount,
      day + 1,
      Math.min(1439, minute + 30),
      'bank',
      'mule_pass_through',
      id,
      null,
    );
    // Structuring: cash deposits just under the reporting threshold, on consecutive days.
    const deposits = 2 + random.integer(4);
    for (let k = 0; k < deposits; k++) {
      const deposit = REPORTING_THRESHOLD_USD * (0.9 + random.next() * 0.099);
      this.transfer(
        organiser,
        { ...organiser, account: `${organiser.account}-SAV` },
        deposit,
        start + k,
        540 + random.integer(400),
        'cash deposit',
        'structuring',
        id,
        null,
        null,
        'USD',
      );
    }
    // A cycle among three members returning to its start within days.
    const circle = [roles.organiser[0], roles.financier[0], roles.recruiter[0]];
    const base = 1_000 + random.gamma(2, 1_000);
    for (let k = 0; k < 3; k++)
      this.transfer(
        memberParty(circle[k]),
        memberParty(circle[(k + 1) % 3]),
        base * (1 - 0.01 * k),
        start + 21 + k,
        600 + random.integer(300),
        'bank',
        'cycle',
        id,
        null,
        null,
        'USD',
      );
  }
}
