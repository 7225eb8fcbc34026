import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../../src/config.ts';
import { importFiles } from '../../../src/ingest/import-files.ts';
import { createServer, type ServerOptions } from '../../../src/server/index.ts';
import { hashPassword } from '../../../src/server/passwords.ts';
import { FieldCipher, generateKeyHex, type Store } from '../../../src/store/index.ts';
import { createOrganisation } from '../../../src/store/repositories/organisations.ts';
import { createUser, ROLES, type Role } from '../../../src/store/repositories/users.ts';
import type { TestDatabaseTarget } from '../../support/databases.ts';

export const OWN = 'Alpha Rescue';
export const OTHER = 'Beta Shelter';
export const PASSWORD = 'correct horse battery staple';
/** A name that appears once, in the other organisation's data, and must never be readable in plaintext. */
export const UNIQUE_OTHER_NAME = 'Zyxwquorthel';
export const UNIQUE_OWN_NAME = 'Qaplinderow';
export const SCRIPT_PAYLOAD = '<script>alert("x")</script>';
export const SQL_PAYLOAD = "Robert'); DROP TABLE records;--";
export const FORMULA_PAYLOAD = '=HYPERLINK("http://evil.example","x")';
export const OWN_PHONE = '+66 81 234 5678';
export const OTHER_PHONE = '+855 12 345 678';

export type Side = 'own' | 'other';

export interface World {
  store: Store;
  app: FastifyInstance;
  organisations: Record<Side, { id: number; name: string }>;
  /** Record ids by organisation and source. */
  records: Record<string, number[]>;
  email(role: Role, side?: Side): string;
  signIn(role: Role, side?: Side): Promise<Caller>;
  /** Audit entries written so far with this action. */
  auditCount(action: string): Promise<number>;
  /** Another server on the same store (closed with the world). */
  serverWith(options: ServerOptions): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export interface Caller {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

const CASE_HEADER =
  'case_id,given_name,family_name,sex,date_of_birth,nationality,phone,identified_on,identified_by';

function ownCases(): string {
  return [
    CASE_HEADER,
    `A-1,${UNIQUE_OWN_NAME},Sok,female,1999-02-03,KH,${OWN_PHONE},2024-01-05,police`,
    `A-2,"${SCRIPT_PAYLOAD.replaceAll('"', '""')}","${SQL_PAYLOAD}",male,1990-05-06,TH,,2024-02-01,"${SCRIPT_PAYLOAD.replaceAll('"', '""')}"`,
    `A-3,"${FORMULA_PAYLOAD.replaceAll('"', '""')}",Nguyen,female,2001-07-08,VN,,2024-03-01,ngo`,
  ].join('\n');
}

function otherCases(): string {
  return [
    CASE_HEADER,
    `B-1,${UNIQUE_OTHER_NAME},Chan,female,1998-01-01,KH,${OTHER_PHONE},2024-04-01,ngo`,
    'B-2,Dara,Kim,male,1995-09-09,KH,,2024-05-01,ngo',
  ].join('\n');
}

function ownInterviews(): string {
  return [
    'interview_id,site,interviewed_on,given_name,family_name,sex',
    'I-1,Poipet,2024-06-01,Srey,Mom,female',
    'I-2,Poipet,2024-06-02,Vanna,Chea,male',
    'I-3,Mae Sot,2024-06-03,Aye,Aung,female',
  ].join('\n');
}

/** Two organisations with sources and one user per role each; no sharing agreements. */
export async function createWorld(target: TestDatabaseTarget, options: ServerOptions = {}): Promise<World> {
  const database = await target.open();
  const cipher = new FieldCipher({ current: Buffer.from(generateKeyHex(), 'hex'), previous: [] });
  const store: Store = { database, cipher };
  const own = await createOrganisation(database, OWN);
  const other = await createOrganisation(database, OTHER);
  const folder = mkdtempSync(join(tmpdir(), 'siren-server-test-'));
  const imports: [string, string, string, string][] = [
    ['alpha-cases', 'case_management', OWN, ownCases()],
    ['alpha-interviews', 'interview', OWN, ownInterviews()],
    ['beta-cases', 'case_management', OTHER, otherCases()],
  ];
  for (const [source, kind, organisation, text] of imports) {
    const file = join(folder, `${source}.csv`);
    writeFileSync(file, text);
    await importFiles(database, cipher, { files: [file], source, kind, organisation, actor: 'test' });
  }
  rmSync(folder, { recursive: true, force: true });
  const { rows } = await database.query<{ source: string; id: number }>(
    'SELECT s.name AS source, r.id FROM records r JOIN sources s ON s.id = r.source_id ORDER BY r.id',
  );
  const records: Record<string, number[]> = {};
  for (const row of rows) {
    records[row.source] ??= [];
    records[row.source].push(Number(row.id));
  }
  const organisations = {
    own: { id: Number(own.id), name: own.name },
    other: { id: Number(other.id), name: other.name },
  };
  const passwordHash = await hashPassword(PASSWORD);
  const email = (role: Role, side: Side = 'own') => `${role}@${side}.test`;
  for (const side of ['own', 'other'] as const)
    for (const role of ROLES)
      await createUser(database, {
        email: email(role, side),
        passwordHash,
        role,
        organisationId: organisations[side].id,
        site: role === 'field_researcher' ? 'Poipet' : null,
      });
  const servers: FastifyInstance[] = [];
  const serverWith = async (extra: ServerOptions) => {
    const server = await createServer(store, loadConfig({}), {
      webRoot: join(folder, 'no-web'),
      geoFile: join(folder, 'no-geo.geojson'),
      rateLimits: { login: { max: 10_000, timeWindow: 60_000 }, heavy: { max: 10_000, timeWindow: 60_000 } },
      ...options,
      ...extra,
    });
    servers.push(server);
    return server;
  };
  const app = await serverWith({});
  const signIn = async (role: Role, side: Side = 'own'): Promise<Caller> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: email(role, side), password: PASSWORD },
    });
    if (response.statusCode !== 200)
      throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((item) => item.name === 'siren_session');
    if (!cookie) throw new Error('no session cookie');
    const csrf = (response.json() as { csrfToken: string }).csrfToken;
    const header = `siren_session=${cookie.value}`;
    return { cookie: header, csrf, headers: { cookie: header, 'x-csrf-token': csrf } };
  };
  return {
    store,
    app,
    organisations,
    records,
    email,
    signIn,
    auditCount: async (action) =>
      (
        await database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [
          action,
        ])
      ).rows[0].n,
    serverWith,
    close: async () => {
      for (const server of servers) await server.close();
      await database.close();
    },
  };
}
