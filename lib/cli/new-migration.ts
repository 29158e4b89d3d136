// `npm run db:new-migration -- <name>`: writes the SQL that takes the committed migrations to
// schema.prisma into a new migration folder. `prisma migrate dev` cannot run here (see README).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { bin } from "./run";

const MIGRATIONS = path.join("prisma", "migrations");

function main() {
  const name = process.argv[2]?.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
  if (!name) {
    console.error("Usage: npm run db:new-migration -- <name>   (for example: add_device_firmware)");
    process.exit(2);
  }
  const diff = spawnSync(
    bin("prisma"),
    ["migrate", "diff", "--from-migrations", MIGRATIONS, "--to-schema-datamodel", path.join("prisma", "schema.prisma"), "--script", "--exit-code"],
    { encoding: "utf8" },
  );
  if (diff.status === 0) {
    console.log("schema.prisma matches the committed migrations: nothing to write.");
    return;
  }
  if (diff.status !== 2) {
    process.stderr.write(diff.stderr);
    process.exit(1);
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(MIGRATIONS, `${stamp}_${name}`);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "migration.sql"), diff.stdout);
  console.log(`Wrote ${path.join(folder, "migration.sql")}. Review it, then apply it with: npm run db:migrate`);
}

main();
