import type { UnitOfWork } from '../db/unit-of-work';

const KEY = 'setup_token_hash';

/** The hash of the first-admin setup token, kept until the first account exists. */
export class SetupTokenRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get db() {
    return this.uow.db;
  }

  async save(hash: string): Promise<void> {
    await this.db
      .insertInto('app_settings')
      .values({ key: KEY, value: hash })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: hash }))
      .execute();
  }

  async read(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', KEY)
      .executeTakeFirst();
    return row?.value;
  }

  async remove(): Promise<void> {
    await this.db.deleteFrom('app_settings').where('key', '=', KEY).execute();
  }
}
