import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What every repository needs of a database or of a transaction in progress. */
export interface Queryable {
  query<Row = Record<string, unknown>>(
    sql: string,
    parameters?: readonly unknown[],
  ): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<void>;
}

/** A SIREN database: PGlite embedded in a data folder, or a PostgreSQL server. Same SQL on both. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgresql';
  /** Runs the function in one transaction: all of it commits, or none of it. */
  transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T>;
  version(): Promise<string>;
  close(): Promise<void>;
}

// PostgreSQL's int8 and numeric come back as strings by default; SIREN's counts fit in doubles.
pg.types.setTypeParser(20, (value) => Number(value));
pg.types.setTypeParser(1700, (value) => Number(value));

class ServerDatabase implements Database {
  readonly kind = 'postgresql' as const;
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 8 });
  }

  async query<Row>(sql: string, parameters: readonly unknown[] = []): Promise<{ rows: Row[] }> {
    const result = await this.pool.query(sql, [...parameters]);
    return { rows: result.rows as Row[] };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const transaction: Queryable = {
      query: async <Row>(sql: string, parameters: readonly unknown[] = []) => {
        const result = await client.query(sql, [...parameters]);
        return { rows: result.rows as Row[] };
      },
      exec: async (sql: string) => {
        await client.query(sql);
      },
    };
    try {
      await client.query('BEGIN');
      const result = await work(transaction);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async version(): Promise<string> {
    const { rows } = await this.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

class EmbeddedDatabase implements Database {
  readonly kind = 'pglite' as const;

  constructor(private readonly database: PGlite) {}

  async query<Row>(sql: string, parameters: readonly unknown[] = []): Promise<{ rows: Row[] }> {
    const result = await this.database.query<Row>(sql, [...parameters]);
    return { rows: result.rows.map(normaliseEmbeddedRow) as Row[] };
  }

  async exec(sql: string): Promise<void> {
    await this.database.exec(sql);
  }

  transaction<T>(work: (transaction: Queryable) => Promise<T>): Promise<T> {
    return this.database.transaction(async (inner) =>
      work({
        query: async <Row>(sql: string, parameters: readonly unknown[] = []) => {
          const result = await inner.query<Row>(sql, [...parameters]);
          return { rows: result.rows.map(normaliseEmbeddedRow) as Row[] };
        },
        exec: async (sql: string) => {
          await inner.exec(sql);
        },
      }),
    );
  }

  async version(): Promise<string> {
    const { rows } = await this.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  }

  async close(): Promise<void> {
    await this.database.close();
  }
}

/** PGlite returns bigint for int8 and Uint8Array for bytea; align them with the server driver. */
function normaliseEmbeddedRow<Row>(row: Row): Row {
  if (row === null || typeof row !== 'object') return row;
  const record = row as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (typeof value === 'bigint') record[key] = Number(value);
    else if (value instanceof Uint8Array && !Buffer.isBuffer(value))
      record[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL server; when absent, PGlite in `dataDirectory`. */
  databaseUrl?: string;
  /** Folder of the embedded database; `undefined` with no URL gives an in-memory database. */
  dataDirectory?: string;
  /** An embedded database already made (e.g. loaded from a dump), to use as it is. */
  embedded?: PGlite;
}

/** Opens the database named by the options. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const database = new ServerDatabase(options.databaseUrl);
    await database.query('SELECT 1');
    return database;
  }
  if (options.embedded) {
    await options.embedded.waitReady;
    return new EmbeddedDatabase(options.embedded);
  }
  let path: string | undefined;
  if (options.dataDirectory) {
    mkdirSync(options.dataDirectory, { recursive: true });
    path = join(options.dataDirectory, 'pglite');
  }
  const embedded = path ? new PGlite(path) : new PGlite();
  await embedded.waitReady;
  return new EmbeddedDatabase(embedded);
}
