// `npm run user:create -- --admin EMAIL [--name NAME]` (or --standard EMAIL): creates a user with
// no password and prints their one-time set-password link, so that a fresh install can get its
// first admin. Gatehouse itself is the actor in the audit log. Exit status 0 when created, 1 when
// refused (a taken email, bad arguments), 2 when the database cannot be used.
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { databaseUrl } from "@/lib/env-schema";

const USAGE = "Usage: npm run user:create -- --admin EMAIL [--name NAME]   (or --standard EMAIL for a Standard user)";

type Request = { email: string; role: "ADMIN" | "STANDARD"; name: string };

/** The request, or a message saying what is wrong with the arguments. */
function parseRequest(args: string[]): Request | string {
  let values: { admin?: string; standard?: string; name?: string };
  try {
    ({ values } = parseArgs({ args, options: { admin: { type: "string" }, standard: { type: "string" }, name: { type: "string" } }, strict: true }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if ((values.admin === undefined) === (values.standard === undefined)) return "Give exactly one of --admin EMAIL and --standard EMAIL.";
  const email = (values.admin ?? values.standard)!;
  // Until they choose otherwise, the name is the address's local part.
  return { email, role: values.admin !== undefined ? "ADMIN" : "STANDARD", name: values.name ?? email.split("@")[0]! };
}

async function main(): Promise<number> {
  const request = parseRequest(process.argv.slice(2));
  if (typeof request === "string") {
    console.error(`${request}\n${USAGE}`);
    return 1;
  }
  loadEnvConfig(process.cwd());
  process.env.DATABASE_URL = databaseUrl();
  // Imported after the environment is loaded: lib/env reads it once, on import.
  const { createUser } = await import("@/lib/auth/users");
  const { Refusal } = await import("@/lib/refusal");
  try {
    const { user, link } = await createUser("system", request);
    console.log(`Created ${user.role === "ADMIN" ? "admin" : "standard user"} ${user.name} <${user.email}>.`);
    console.log(`One-time link to set the password (it works once, until ${link.expiresAt.toISOString()}):`);
    console.log(`\n  ${link.url}\n`);
    console.log("Send it only to them. Anyone holding it can set the password: it is not stored and is shown only now.");
    return 0;
  } catch (error) {
    if (error instanceof Refusal) {
      console.error(`Not created: ${error.message}.`);
      return 1;
    }
    // P2021: the table does not exist.
    if ((error as { code?: unknown }).code === "P2021") {
      console.error("The database has no tables yet: run `npm run db:migrate` first.");
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Could not create the user: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
