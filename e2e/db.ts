// The e2e server's database, written and read behind its back on either engine, as the seed and the
// app's own jobs would: one statement with `?` placeholders on a connection of its own. Values go in,
// and rows come out, in one shape on both, SQLite's: times as integer milliseconds, booleans as 1 and
// 0, counts as numbers, so that a spec's statements and assertions name no engine.
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "../lib/db-engine";
import { databaseFile, resolveDatabaseUrl } from "../lib/sqlite";

export type SqlValue = string | number | boolean | Date | null;
type Row = Record<string, unknown>;

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;
const BOOL_OID = 16;

/** PostgreSQL's values as SQLite's: Prisma's timestamp(3) columns hold UTC without a zone. */
const sqliteShapes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP_OID) return (text: string) => Date.parse(`${text.replace(" ", "T")}Z`);
    if (oid === INT8_OID) return Number;
    if (oid === BOOL_OID) return (text: string) => (text === "t" ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** The rows of one statement (none for a write) on the database of `databaseUrl`. */
export async function query<T extends Row = Row>(sql: string, params: SqlValue[] = [], databaseUrl = process.env.E2E_DATABASE_URL): Promise<T[]> {
  if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set (playwright.config.ts sets it)");
  if (isPostgresUrl(databaseUrl)) return queryPostgres<T>(databaseUrl, sql, params);
  const file = databaseFile(resolveDatabaseUrl(databaseUrl));
  if (!file) throw new Error(`E2E_DATABASE_URL names neither a SQLite file nor PostgreSQL: ${databaseUrl}`);
  const db = new Database(file, { timeout: 5_000 });
  try {
    const statement = db.prepare(sql);
    const values = params.map((value) => (value instanceof Date ? value.getTime() : typeof value === "boolean" ? Number(value) : value));
    if (statement.reader) return statement.all(...values) as T[];
    statement.run(...values);
    return [];
  } finally {
    db.close();
  }
}

/** The one row a statement reads, or undefined. */
export async function queryOne<T extends Row = Row>(sql: string, params: SqlValue[] = [], databaseUrl = process.env.E2E_DATABASE_URL): Promise<T | undefined> {
  return (await query<T>(sql, params, databaseUrl))[0];
}

async function queryPostgres<T extends Row>(url: string, sql: string, params: SqlValue[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, types: sqliteShapes });
  await client.connect();
  try {
    // `?` becomes $1, $2, ...; a quoted literal's `?` stays (no spec's statement has one, but it would).
    let n = 0;
    const numbered = sql.replace(/'(?:[^']|'')*'|\?/g, (match) => (match === "?" ? `$${++n}` : match));
    // An ISO time in UTC: the column has no zone, and pg would send the machine's local time.
    const values = params.map((value) => (value instanceof Date ? value.toISOString() : value));
    return (await client.query<T>(numbered, values)).rows;
  } finally {
    await client.end();
  }
}
