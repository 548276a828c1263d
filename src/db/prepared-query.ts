import {
  createQueryId,
  type Compilable,
  type CompiledQuery,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { DB } from './schema';

/** Stands in the built query for a value given each time the query runs. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** What the builder receives: one placeholder per value, typed as the value it stands for. */
export type Placeholders<Values> = { readonly [Name in keyof Values]: Values[Name] };

/**
 * A query built with Kysely's builder and compiled to SQL once, then run with new values each
 * time. Building and compiling cost several times what SQLite takes to run a small indexed query,
 * and the busiest requests (a candidate's question page, an answer save, reading the session) run
 * the same few shapes thousands of times a second. The SQL is still Kysely's, compiled for the
 * first database the query runs on: a process talks to one kind of database.
 *
 * A placeholder may stand wherever a single value goes (`=`, `set`, `values`, `limit`), not for a
 * list after `in`, whose length changes the SQL.
 */
export class PreparedQuery<Values extends object, Row> {
  private compiled?: { query: CompiledQuery<Row>; valueNames: (string | undefined)[] };

  constructor(
    private readonly build: (db: Kysely<DB>, values: Placeholders<Values>) => Compilable<Row>,
  ) {}

  /** Runs on `db`: the database, or the transaction in progress (compiled the same way). */
  execute(db: Kysely<DB>, values: Values): Promise<QueryResult<Row>> {
    const { query, valueNames } = (this.compiled ??= this.compile(db));
    const given = values as Record<string, unknown>;
    const parameters = query.parameters.map((constant, i) => {
      const name = valueNames[i];
      return name === undefined ? constant : given[name];
    });
    return db.executeQuery({ ...query, parameters, queryId: createQueryId() });
  }

  async all(db: Kysely<DB>, values: Values): Promise<Row[]> {
    return (await this.execute(db, values)).rows;
  }

  async first(db: Kysely<DB>, values: Values): Promise<Row | undefined> {
    return (await this.execute(db, values)).rows[0];
  }

  private compile(db: Kysely<DB>) {
    const placeholders = new Proxy(
      {},
      { get: (_target, name) => new Placeholder(String(name)) },
    ) as Placeholders<Values>;
    const query = this.build(db, placeholders).compile();
    const valueNames = query.parameters.map((parameter) =>
      parameter instanceof Placeholder ? parameter.name : undefined,
    );
    return { query, valueNames };
  }
}
