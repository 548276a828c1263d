import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb } from '../../src/db/kysely';
import { migrateDownAll, migrateToLatest } from '../../src/db/migrator';
import { migrations } from '../../migrations';

describe('migrations', () => {
  it('run up on an empty database, down again, and up once more', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillscreen-migrations-'));
    const db = createDb(path.join(dir, 'm.sqlite'));
    try {
      const result = await migrateToLatest(db);
      expect(result.results?.map((r) => r.migrationName)).toEqual(Object.keys(migrations));
      const tables = await db.introspection.getTables();
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['users', 'sessions', 'audit_log', 'outbox']),
      );

      await migrateDownAll(db);
      expect(
        (await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely_')),
      ).toEqual([]);
      await migrateToLatest(db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
