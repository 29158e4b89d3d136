// The audit catalogue (lib/audit/catalogue-*.test.ts): each audit action Gatehouse writes, done
// once, leaves exactly one record. This runs the entries in a database of the test file's own, and
// reads the actions from the source, so that an action without an entry fails a test.
//
// Only node modules are imported up front: the test file loads this module from vi.hoisted,
// before DATABASE_URL names its own database, and lib/db reads the variable when it is imported.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/cli/run";

/**
 * Migrates a fresh database and points DATABASE_URL at it (call it from vi.hoisted): the catalogue
 * runs whole-database sweeps and changes a policy, which must not touch other test files' rows.
 */
export function useOwnDatabase(name: string): void {
  const shared = process.env.DATABASE_URL;
  const dir = fs.mkdtempSync(path.join(process.cwd(), ".data", `vitest-${name}-`));
  const url = `file:${path.join(dir, `${name}.db`)}`;
  migrate({ ...process.env, DATABASE_URL: url });
  process.env.DATABASE_URL = url;
  afterAll(async () => {
    const { testDb } = await import("./factories");
    await testDb().$disconnect();
    process.env.DATABASE_URL = shared;
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

export type Expected = {
  actorType: "user" | "token" | "system" | "anonymous";
  /** "success" unless given. */
  outcome?: "success" | "failure" | "denied";
  actorId?: string;
  tokenId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  /** Some of the record's details. */
  detail?: Record<string, unknown>;
  /** Text of the detail that picks the record out, where no id or address does. */
  detailContains?: string;
};

/** `run` does the operation once, from the address given, and says what its one record holds. */
export type Entry = { action: string; how: string; run: (ip: string) => Promise<Expected> };

/** The actions flushAuditSummaries writes: one record per distinct event, with detail.count. */
const SUMMARISED = new Set(["token.refused", "access.denied", "user.sign_in_failed", "user.sign_in_throttled", "audit.summary_overflow"]);

/** Which catalogue file covers which actions, by the part before the dot. */
export const DOMAINS = { people: ["user", "policy", "alert", "audit"], tokens: ["token", "access", "device"] };

/** Not audit actions: notification kinds (lib/monitor/reminders.ts). "token.expired" is both. */
const NOT_ACTIONS = ["token.expiring"];

let hosts = 0;

/** A fresh address for each entry, in 198.18.0.0/15 (benchmarking: no real client's). */
function nextIp(): string {
  hosts++;
  return `198.18.${hosts >> 8}.${hosts & 255}`;
}

export function describeCatalogue(file: keyof typeof DOMAINS, entries: Entry[]): void {
  describe(`audit catalogue: ${DOMAINS[file].join(", ")}`, () => {
    it.each(entries)("$action: $how", async ({ action, run }) => {
      const { testDb } = await import("./factories");
      const { flushAuditSummaries } = await import("@/lib/audit/summary");
      const { detailContains, detail, outcome = "success", ...fields } = await run(nextIp());
      await flushAuditSummaries();
      // Picked out by what names this entry's record (undefined leaves a field out of the filter).
      const { actorId, tokenId, targetType, targetId, ip } = fields;
      const where = { action, actorId, tokenId, targetType, targetId, ip, detail: detailContains ? { contains: detailContains } : undefined };
      const records = await testDb().auditEvent.findMany({ where });
      expect(records, `${action} records`).toHaveLength(1);
      expect(records[0]).toMatchObject({ ...fields, outcome });
      const written = JSON.parse(records[0]!.detail) as Record<string, unknown>;
      expect(written).toMatchObject({ ...detail, ...(SUMMARISED.has(action) ? { count: 1 } : {}) });
    });

    it("runs in a database of its own", () => {
      expect(process.env.DATABASE_URL).toContain(`vitest-catalogue-${file}-`);
    });

    it("has an entry for every action of its kinds that lib/ writes", () => {
      const mine = writtenActions().filter((action) => DOMAINS[file].includes(action.split(".")[0]!));
      expect([...new Set(entries.map((e) => e.action))].sort()).toEqual(mine);
      // No action falls outside both files, and none is written in a way writtenActions cannot see.
      const all = Object.values(DOMAINS).flat();
      expect(writtenActions().filter((action) => !all.includes(action.split(".")[0]!))).toEqual([]);
      expect(actionLikeNames().filter((name) => !NOT_ACTIONS.includes(name))).toEqual(writtenActions());
    });
  });
}

const LIB = path.join(process.cwd(), "lib");

/** The app's code: every .ts file of lib/ but tests, test scaffolding (this file's comments) and the generated client. */
function sources(): string[] {
  const skipped = ["generated", "testing"].map((dir) => `${dir}${path.sep}`);
  return fs
    .readdirSync(LIB, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !skipped.some((dir) => file.startsWith(dir)))
    .map((file) => fs.readFileSync(path.join(LIB, file), "utf8"));
}

/** A quoted dotted name such as "token.revoked". */
const DOTTED = /["'`]([a-z]+\.[a-z_]+)["'`]/g;

/**
 * The names given as an audit record's action: `action: "x.y"`, `action: cond ? "x.y" : "x.z"` and
 * `const action = ... "x.y"`, to the end of the expression. `action !== "x.y"` (a reader) is not one.
 */
export function writtenActions(): string[] {
  const found = new Set<string>();
  for (const text of sources()) {
    for (const [, expression] of text.matchAll(/\baction\s*(?::|=(?![=>]))\s*([^,;\n]+)/g)) {
      for (const [, name] of expression!.matchAll(DOTTED)) found.add(name!);
    }
  }
  return [...found].sort();
}

/** Every quoted name in lib/ that looks like an action of a known kind, wherever it stands. */
function actionLikeNames(): string[] {
  const found = new Set<string>();
  for (const text of sources()) {
    for (const [, name] of text.matchAll(DOTTED)) if (/^(user|token|device|policy|alert|audit|access)\./.test(name!)) found.add(name!);
  }
  return [...found].sort();
}
