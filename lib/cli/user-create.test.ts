import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase } from "@/lib/db-connect";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashToken } from "@/lib/tokens/hash";
import { MINUTE_MS } from "@/lib/time";
import { bin, migrate } from "./run";

// `npm run user:create` as an operator runs it, on a fresh install: a migrated database with no
// users, its own, so that "no users yet" holds.
let dir: string;
let url: string;
let db: PrismaClient;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(process.cwd(), ".data", "vitest-user-create-"));
  url = `file:${path.join(dir, "fresh.db")}`;
  migrate({ ...process.env, DATABASE_URL: url });
  db = connectDatabase(url);
});

afterAll(async () => {
  await db?.$disconnect();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function userCreate(args: string[], databaseUrl = url) {
  const result = spawnSync(bin("tsx"), ["--conditions=react-server", "lib/cli/user-create.ts", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_URL: "https://gatehouse.example" },
    encoding: "utf8",
    timeout: MINUTE_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run user:create", () => {
  it("makes the first admin of a fresh install and prints their one-time link, stored only as its HMAC", async () => {
    expect(await db.user.count()).toBe(0);
    const run = userCreate(["--admin", "Root@Example.com", "--name", "First Admin"]);
    expect(run.status, run.stderr).toBe(0);
    const link = /https:\/\/gatehouse\.example\/set-password\/([A-Za-z0-9_-]{43})\s/.exec(run.stdout);
    expect(link, run.stdout).not.toBeNull();

    const user = await db.user.findUniqueOrThrow({ where: { email: "root@example.com" } });
    expect(user).toMatchObject({ name: "First Admin", role: "ADMIN", passwordHash: null, disabledAt: null });
    const stored = await db.passwordLink.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ hash: hashToken(link![1]!), usedAt: null, createdById: null });

    const records = await db.auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(records.map((r) => [r.action, r.actorType])).toEqual([
      ["user.created", "system"],
      ["user.password_link_issued", "system"],
    ]);
    expect(JSON.stringify(records)).not.toContain(link![1]);
  });

  it("refuses an email that exists, in any case, and changes nothing", async () => {
    const before = { users: await db.user.count(), links: await db.passwordLink.count(), audit: await db.auditEvent.count() };
    const run = userCreate(["--standard", "ROOT@example.com"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("A user with the email root@example.com exists already");
    expect(run.stdout).not.toContain("set-password");
    expect({ users: await db.user.count(), links: await db.passwordLink.count(), audit: await db.auditEvent.count() }).toEqual(before);
  });

  it("makes a standard user named after their address when no name is given", async () => {
    const run = userCreate(["--standard", "grace.hopper@example.com"]);
    expect(run.status, run.stderr).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { email: "grace.hopper@example.com" } })).toMatchObject({ name: "grace.hopper", role: "STANDARD" });
  });

  it.each([
    [[], "Give exactly one of --admin EMAIL and --standard EMAIL."],
    [["--admin", "a@example.com", "--standard", "b@example.com"], "Give exactly one"],
    [["--admin"], "argument missing"],
    [["--owner", "a@example.com"], "Unknown option"],
    [["--admin", "not-an-email"], "Enter a valid email address"],
  ])("refuses %j with a message and the usage", (args, message) => {
    const run = userCreate(args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it("says to migrate first when the database has no tables", () => {
    const run = userCreate(["--admin", "a@example.com"], `file:${path.join(dir, "empty.db")}`);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("npm run db:migrate");
  });
});
