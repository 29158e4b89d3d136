// A database made anew, empty, for a run that owns it (the e2e server's, a benchmark's).
import pg from "pg";

/**
 * Drops the database that `url` names, if it is there (closing its connections), and creates it
 * again, empty. Connects to the server's maintenance database for it, since a database cannot be
 * dropped from inside itself.
 */
export async function recreatePostgresDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^\w+$/.test(name)) throw new Error(`Refusing to recreate the database ${JSON.stringify(name)}: its name must be letters, digits and _`);
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
