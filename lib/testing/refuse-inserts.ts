// Makes inserts into a table fail for this process only, as a full disk or a broken file would, so
// that a test can watch what a failed write leaves behind. SQLite: a TEMP trigger, which lives on
// the one connection the client holds. PostgreSQL: a trigger that fires only for this process's
// connections, told apart by their application_name (lib/db-connect.ts), since other test files
// share the database.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { onPostgres } from "@/lib/sql-dialect";

type Client = Pick<PrismaClient, "$executeRawUnsafe">;

const triggerName = (table: string) => `${table}_refused_${process.pid}`;

/** The function the PostgreSQL triggers call (lib/testing/global-setup.ts makes it once). */
export const REFUSE_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION "gatehouse_test_refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('application_name') = TG_ARGV[0] THEN RAISE EXCEPTION '%', TG_ARGV[1]; END IF;
  RETURN NEW;
END $$`;

export async function refuseInserts(client: Client, table: string, message = "disk I/O error"): Promise<void> {
  const name = triggerName(table);
  if (onPostgres) {
    await client.$executeRawUnsafe(
      `CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "gatehouse_test_refuse"('gatehouse:${process.pid}', '${message}')`,
    );
  } else {
    await client.$executeRawUnsafe(`CREATE TEMP TRIGGER "${name}" BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, '${message}'); END`);
  }
}

export async function allowInserts(client: Client, table: string): Promise<void> {
  const name = triggerName(table);
  await client.$executeRawUnsafe(onPostgres ? `DROP TRIGGER IF EXISTS "${name}" ON "${table}"` : `DROP TRIGGER IF EXISTS temp."${name}"`);
}
