import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { personOf } from "@/lib/testing/callers";
import { appendAudit, appendRecords, recordOf } from "./append";
import { withRequestContext } from "./context";
import { CSV_COLUMNS, csvCell, exportAudit, exportFileName, ExportQuery, type ExportFormat } from "./export";
import { listAudit, queryInput, type AuditFilter, type AuditItem } from "./query";

const admin = personOf({ id: `admin-${crypto.randomUUID()}`, role: "ADMIN" });
const subject = personOf({ id: `exported-${crypto.randomUUID()}`, role: "STANDARD" }, "203.0.113.41");
const HOSTILE_AGENT = "=HYPERLINK(\"http://evil.example\",\"x\")";
const BULK = 1_005;

/** RFC 4180, strictly: quoted cells may hold commas, CRLF and doubled quotes; every row ends in CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = "";
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (text[i] === '"') break;
        else if (i >= text.length) throw new Error("unterminated quote");
        else cell += text[i];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") cell += text[i++];
    }
    row.push(cell);
    if (text[i] === ",") {
      i++;
    } else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(`expected , or CRLF at ${i}`);
    }
  }
  return rows;
}

async function everything(filter: AuditFilter): Promise<AuditItem[]> {
  const all: AuditItem[] = [];
  let cursor: number | undefined;
  do {
    const page = await listAudit(admin, filter, { cursor, limit: 200 });
    all.push(...page.items);
    cursor = page.nextCursor === null ? undefined : Number(page.nextCursor);
  } while (cursor !== undefined);
  return all;
}

async function exported(filter: AuditFilter, format: ExportFormat): Promise<string> {
  return new Response(await exportAudit(admin, filter, format)).text();
}

beforeAll(async () => {
  // More than one page of the export's thousand, written in one batch.
  await appendRecords(Array.from({ length: BULK }, (_, i) => recordOf({ actor: subject, action: "test.bulk", target: { type: "item", id: String(i) } })));
  await withRequestContext({ ip: "203.0.113.41", userAgent: HOSTILE_AGENT }, () =>
    appendAudit({ actor: subject, action: "test.hostile", target: { type: "note", id: "+SUM(1,2)" }, detail: { note: 'a "quoted", multi\r\nline value', lead: "-2+3" } }),
  );
  await appendAudit({ actor: subject, action: "test.other", outcome: "failure", target: { type: "note", id: "@import" } });
});

describe("An export's contents match its filter", () => {
  const filters: AuditFilter[] = [{ actor: subject.userId }, { actor: subject.userId, action: "test.bulk" }, { actor: subject.userId, outcome: "failure" }, { actor: subject.userId, action: "test.h" }];

  it("as NDJSON: one line per record of every page, equal to listAudit's", async () => {
    for (const filter of filters) {
      const text = await exported(filter, "ndjson");
      const lines = text.split("\n");
      expect(lines.pop()).toBe("");
      expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(await everything(filter));
    }
    expect((await exported({ actor: subject.userId }, "ndjson")).split("\n")).toHaveLength(BULK + 3);
  });

  it("as CSV: a header and a row per record, each cell the record's, parsing back", async () => {
    for (const filter of filters) {
      const [header, ...rows] = parseCsv(await exported(filter, "csv"));
      expect(header).toEqual([...CSV_COLUMNS]);
      const items = await everything(filter);
      expect(rows.map((row) => Number(row[0]))).toEqual(items.map((item) => item.id));
      rows.forEach((row, i) => {
        const item = items[i]!;
        expect(row[1]).toBe(item.at);
        expect(row[6]).toBe(item.action);
        expect(JSON.parse(row[12]!)).toEqual(item.detail);
        expect(row[13]).toBe(item.hash);
      });
    }
  });

  it("neutralises spreadsheet formulas and keeps quotes and line breaks inside their cell", async () => {
    const [, hostile] = parseCsv(await exported({ actor: subject.userId, action: "test.hostile" }, "csv"));
    const cell = (column: (typeof CSV_COLUMNS)[number]) => hostile![CSV_COLUMNS.indexOf(column)];
    expect(cell("userAgent")).toBe(`'${HOSTILE_AGENT}`);
    expect(cell("targetId")).toBe("'+SUM(1,2)");
    expect(JSON.parse(cell("detail")!)).toEqual({ note: 'a "quoted", multi\r\nline value', lead: "-2+3" });
    const [, other] = parseCsv(await exported({ actor: subject.userId, action: "test.other" }, "csv"));
    expect(other![CSV_COLUMNS.indexOf("targetId")]).toBe("'@import");
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
  });

  it("records the export, with its format and filter", async () => {
    const filter = { actor: subject.userId, from: new Date("2026-01-01T00:00:00Z") };
    await exported(filter, "csv");
    const [record] = (await listAudit(admin, { actor: admin.userId, action: "audit.exported" }, { limit: 1 })).items;
    expect(record).toMatchObject({ actorId: admin.userId, detail: { format: "csv", filter: { actor: subject.userId, from: "2026-01-01T00:00:00.000Z" } } });
  });

  it("refuses a Standard person before it records or reads anything", async () => {
    await expect(exportAudit(subject, {}, "csv")).rejects.toMatchObject({ code: "forbidden" });
    expect((await listAudit(admin, { actor: subject.userId, action: "audit.exported" })).items).toEqual([]);
  });
});

describe("the export's query and file name", () => {
  it("needs a known format and a valid filter", () => {
    expect(ExportQuery.safeParse(queryInput({ format: "ndjson", action: "", outcome: "denied" })).success).toBe(true);
    expect(ExportQuery.safeParse({ format: "xlsx" }).error?.issues[0]?.path).toEqual(["format"]);
    expect(ExportQuery.safeParse({ format: "csv", from: "soon" }).error?.issues[0]?.path).toEqual(["from"]);
  });

  it("is dated in UTC", () => {
    expect(exportFileName("csv", new Date("2026-12-02T06:39:17.123Z"))).toBe("gatehouse-audit-20261202T063917Z.csv");
  });
});
