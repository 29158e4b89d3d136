// The PostgreSQL twin of prisma/schema.prisma. One schema is written by hand (SQLite's); the other
// is made from it, so the two cannot say different things: prisma/postgres/schema.test.ts checks
// that the committed twin is this function's output, and that the migrations of both databases
// build the same tables.
import fs from "node:fs";
import path from "node:path";

export const SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgres", "schema.prisma");
export const POSTGRES_MIGRATIONS = path.join("prisma", "postgres", "migrations");

const HEADER = "// Made from prisma/schema.prisma by `npm run db:new-migration`: edit that one, not this.\n";

/** schema.prisma's text with PostgreSQL as its provider and its client generated beside SQLite's. */
export function postgresSchema(sqlite: string): string {
  const provider = 'provider = "sqlite"';
  const output = 'output     = "../lib/generated/prisma"';
  if (!sqlite.includes(provider) || !sqlite.includes(output)) throw new Error(`${SCHEMA} no longer names its provider or output as ${POSTGRES_SCHEMA} expects`);
  return HEADER + sqlite.replace(provider, 'provider = "postgresql"').replace(output, 'output     = "../../lib/generated/prisma-pg"');
}

export function readPostgresSchema(root = process.cwd()): { committed: string; expected: string } {
  return {
    committed: fs.readFileSync(path.join(root, POSTGRES_SCHEMA), "utf8"),
    expected: postgresSchema(fs.readFileSync(path.join(root, SCHEMA), "utf8")),
  };
}
