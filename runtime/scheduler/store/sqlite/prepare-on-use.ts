// Statements compiled on their first use. The store prepares about 50 statements when it opens,
// and dispatch.run opens the store for every run: compiling them all cost about half of opening
// (1.2 ms CPU), while a run uses a dozen of them (cancels, events, deletes and migrations are
// rare). A statement here is compiled when it first runs, once per open store, and then every
// call goes straight to the compiled one.
import type { Database, Statement } from "better-sqlite3";

class StatementOnUse {
  #compiled: Statement | undefined;
  #pluck = false;
  #raw = false;

  constructor(
    private readonly db: Database,
    readonly source: string,
  ) {}

  pluck(toggle = true): this {
    this.#pluck = toggle;
    if (toggle) this.#raw = false;
    this.#compiled?.pluck(toggle);
    return this;
  }

  raw(toggle = true): this {
    this.#raw = toggle;
    if (toggle) this.#pluck = false;
    this.#compiled?.raw(toggle);
    return this;
  }

  run(...params: unknown[]): unknown {
    return (this.#compiled ?? this.#compile()).run(...params);
  }

  get(...params: unknown[]): unknown {
    return (this.#compiled ?? this.#compile()).get(...params);
  }

  all(...params: unknown[]): unknown {
    return (this.#compiled ?? this.#compile()).all(...params);
  }

  #compile(): Statement {
    const statement = this.db.prepare(this.source);
    // Only a statement that returns data takes pluck or raw (better-sqlite3 throws otherwise).
    if (this.#pluck) statement.pluck(true);
    if (this.#raw) statement.raw(true);
    this.#compiled = statement;
    return statement;
  }
}

/** What the prepare* functions of the store use of a database. */
export type Preparer = Pick<Database, "prepare">;

/** `db` whose prepare() defers compiling to the statement's first run, get or all. The result
 * serves only prepare: everything else (transactions, pragmas) goes to `db` itself. */
export function preparingOnUse(db: Database): Preparer {
  return { prepare: ((source: string) => new StatementOnUse(db, source)) as unknown as Database["prepare"] };
}
