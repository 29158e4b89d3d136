// Where SQLite's SQL and PostgreSQL's differ, as fragments: each domain's sql.ts writes one statement
// for both engines with these, and the engine is DATABASE_URL's. Times go in as Dates (`at`), which
// both drivers bind as a time (SQLite's adapter as integer milliseconds, lib/sqlite.ts), and come out
// of JSON as milliseconds (`msOf`). JSON comes back as text on both, for the caller to parse.
// Free of lib/env (and its secrets) so that the seed can build statements outside the server.
import { isPostgresUrl } from "./db-engine";
import { databaseUrl } from "./env-schema";
import { Prisma } from "./generated/prisma/client";

export const onPostgres = isPostgresUrl(databaseUrl());

/**
 * A time in milliseconds as a parameter that both engines compare with, or store in, a time column:
 * a Date, typed on PostgreSQL, where a parameter in a VALUES list would otherwise be text.
 */
export function at(ms: number): Prisma.Sql {
  return onPostgres ? Prisma.sql`CAST(${new Date(ms)} AS TIMESTAMP(3))` : Prisma.sql`${new Date(ms)}`;
}

/** A time column (or expression) as integer milliseconds since the epoch, for arithmetic or JSON. */
export function msOf(time: Prisma.Sql): Prisma.Sql {
  return onPostgres ? Prisma.sql`CAST(EXTRACT(EPOCH FROM ${time}) * 1000 AS BIGINT)` : time;
}

/** Integer milliseconds as a time, to be stored in a time column. */
export function timeOfMs(ms: Prisma.Sql): Prisma.Sql {
  return onPostgres ? Prisma.sql`(to_timestamp(CAST(${ms} AS DOUBLE PRECISION) / 1000) AT TIME ZONE 'UTC')` : ms;
}

/** A JSON array of the values. */
export function jsonArray(values: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(onPostgres ? "json_build_array" : "json_array")}(${Prisma.join(values)})`;
}

/** The rows' values as one JSON array, in `orderBy`'s order: [] for no rows, on both engines. */
export function jsonAgg(value: Prisma.Sql, orderBy?: Prisma.Sql): Prisma.Sql {
  const order = orderBy ? Prisma.sql` ORDER BY ${orderBy}` : Prisma.empty;
  return onPostgres ? Prisma.sql`COALESCE(json_agg(${value}${order}), '[]'::json)` : Prisma.sql`json_group_array(${value}${order})`;
}

/** A subquery's JSON result kept as JSON inside another JSON value (SQLite would quote its text). */
export function nestedJson(value: Prisma.Sql): Prisma.Sql {
  return onPostgres ? Prisma.sql`(${value})` : Prisma.sql`json(${value})`;
}

/** A JSON value as the statement's result: text, which the caller parses, on both engines. */
export function jsonResult(value: Prisma.Sql): Prisma.Sql {
  return onPostgres ? Prisma.sql`CAST(${value} AS TEXT)` : value;
}

/** The values joined into one text with `separator`. */
export function stringAgg(value: Prisma.Sql, separator: string): Prisma.Sql {
  return onPostgres ? Prisma.sql`string_agg(CAST(${value} AS TEXT), ${separator})` : Prisma.sql`group_concat(${value}, ${separator})`;
}

/**
 * Whether the text column holds `needle`, ignoring case: a plain substring, so that % and _ are
 * themselves (LIKE would read them as wildcards, and Prisma's `contains` does not escape them).
 * SQLite's lower() folds ASCII letters only; PostgreSQL's folds every letter.
 */
export function containsText(column: Prisma.Sql, needle: string): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(onPostgres ? "strpos" : "instr")}(lower(${column}), ${needle.toLowerCase()}) > 0`;
}

/** The smaller and the larger of two values (SQLite's two-argument MIN and MAX). */
export const least = (a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql => (onPostgres ? Prisma.sql`LEAST(${a}, ${b})` : Prisma.sql`MIN(${a}, ${b})`);
export const greatest = (a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql => (onPostgres ? Prisma.sql`GREATEST(${a}, ${b})` : Prisma.sql`MAX(${a}, ${b})`);

/** An integer quotient that truncates, as integers divide in both engines. */
export function intDiv(a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CAST((${a}) / (${b}) AS BIGINT)`;
}

/**
 * PostgreSQL: the rows a select reads stay locked until the transaction ends, so that a check and the
 * write that depends on it cannot be split by another instance's change. SQLite needs none: its one
 * writer at a time, and its snapshot refusal (SQLITE_BUSY_SNAPSHOT, see transaction in lib/db.ts), do this.
 */
export function forUpdate(): Prisma.Sql {
  return onPostgres ? Prisma.sql` FOR UPDATE` : Prisma.empty;
}

/**
 * PostgreSQL: holds a transaction-scoped advisory lock on each name, taken in sorted order so that
 * two holders of several cannot deadlock; for a write that must follow another's, whoever's instance
 * made it. Null on SQLite, whose one writer at a time already orders them.
 */
export function advisoryLocksSql(names: string[]): Prisma.Sql | null {
  if (!onPostgres) return null;
  const locks = [...names].sort().map((name) => Prisma.sql`pg_advisory_xact_lock(hashtextextended(${name}, 0))`);
  return Prisma.sql`SELECT ${Prisma.join(locks)}`;
}
