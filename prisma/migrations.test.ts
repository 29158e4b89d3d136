import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_MS } from "@/lib/time";

// prisma.config.ts gives the CLI a better-sqlite3 adapter with a shadow database, so the diff runs
// offline; DATABASE_URL only has to name a file it may create.
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-migrations-"));
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Exit status of `prisma migrate diff --exit-code`: 0 when equal, 2 when they differ, 1 on error. */
function diffMigrationsAgainst(schema: string) {
  const result = spawnSync(
    path.join(process.cwd(), "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", schema, "--exit-code"],
    { env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "diff.db")}` }, encoding: "utf8", timeout: MINUTE_MS },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the committed migrations", () => {
  it("produce exactly the schema in prisma/schema.prisma", () => {
    const { status, output } = diffMigrationsAgainst("prisma/schema.prisma");
    expect(status, output).toBe(0);
  });

  it("are found to differ from a schema with one more field", () => {
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    const changed = schema.replace(/^(model User \{\n)/m, "$1  nickname String?\n");
    expect(changed).not.toBe(schema);
    const file = path.join(dir, "schema.prisma");
    fs.writeFileSync(file, changed);

    const { status, output } = diffMigrationsAgainst(file);
    expect(status, output).toBe(2);
    expect(output).toContain("nickname");
  });
});
