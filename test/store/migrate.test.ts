import { afterEach, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { MIGRATIONS, migrate, migrationLevel } from '../../src/store/index.ts';
import { describeOnEachDatabase } from '../support/databases.ts';

describeOnEachDatabase('migrations', (target) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('apply up from empty to the newest level, and a second run changes nothing', async () => {
    database = await target.open();
    expect(await migrationLevel(database)).toBe(MIGRATIONS.at(-1)?.id);
    expect(await migrate(database)).toEqual([]);
    const { rows } = await database.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM schema_migrations',
    );
    expect(rows[0].count).toBe(MIGRATIONS.length);
  });

  it('refuse a database made by newer code', async () => {
    database = await target.open();
    await database.query("INSERT INTO schema_migrations (id) VALUES ('9999-12-31-future')");
    await expect(migrate(database)).rejects.toThrow(/does not know: 9999-12-31-future/);
  });
});
