import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';

/** What every repository needs of a database or of a transaction in progress. */
export interface Queryable {
  query<Row = Record<string, unknown>>(
    sql: string,
    parameters?: readonly unknown[],
  ): Promise<{ rows: Row[] }>;
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads rows with COPY: `text` holds them in PostgreSQL's text format, UTF-8 encoded
   * (tab-separated, `\N` for null, each line ended by a newline). Much cheaper per row than
   * parameterised inserts.
   */
  copyFrom(table: string, columns: readonly string[], text: Uint8Array): Promise<void>;
}

const copyStatement = (table: string, columns: readonly string[], from: string) =>
  `COPY ${table} (${columns.join(', ')}) FROM ${from}`;

async function copyToServer(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  text: Uint8Array,
): Promise<void> {
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  await pipeline(Readable.from([bytes]), client.query(copyFromStdin(copyStatement(table, columns, 'STDIN'))));
}

/**
 * The bytes of a COPY as a Blob whose `arrayBuffer()` hands them over at once: PGlite reads the
 * data of `COPY ... FROM '/dev/blob'` through `arrayBuffer()`, which Node 20's own Blob answers by
 * copying in 64 KiB steps (it cost as much as the COPY itself in the import profile).
 */
class CopyDataBlob extends Blob {
  constructor(private readonly data: Uint8Array) {
    super([]);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.data;
    return Promise.resolve(
      byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer
        ? buffer
        : (buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer),
    );
  }
}

/** PGlite reads COPY data from the virtual file /dev/blob, given as the `blob` option of the query. */
async function copyToEmbedded(
  database: Pick<PGlite, 'query'>,
  table: string,
  columns: readonly string[],
  text: Uint8Array,
): Promise<void> {
  await database.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new CopyDataBlob(text) });
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

  async copyFrom(table: string, columns: readonly string[], text: Uint8Array): Promise<void> {
    const client = await this.pool.connect();
    try {
      await copyToServer(client, table, columns, text);
    } finally {
      client.release();
    }
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
      copyFrom: (table, columns, text) => copyToServer(client, table, columns, text),
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

  async copyFrom(table: string, columns: readonly string[], text: Uint8Array): Promise<void> {
    await copyToEmbedded(this.database, table, columns, text);
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
        copyFrom: (table, columns, text) => copyToEmbedded(inner, table, columns, text),
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
