// Hostile strings and bodies against the device API, each with the status it must get: SQL- and
// script-looking text, Unicode and control characters, mass assignment, deep nesting and size.
// Text is stored and answered as given (JSON escapes it), or refused with a 400; never a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/lib/testing/factories";
import { apiClient, deviceOf, expectProblem, userWithToken } from "@/lib/testing/api-client";
import { MINUTE_MS } from "@/lib/time";

const call = apiClient("203.0.113.88");

let owner: Awaited<ReturnType<typeof userWithToken>>;
let deviceId: string;
beforeAll(async () => {
  owner = await userWithToken();
  deviceId = await deviceOf(owner.user.id);
});

/** Strings an attacker tries: each fits the 80-character name limit once trimmed. */
const TEXT: [label: string, value: string][] = [
  ["a SQL quote", "x' OR '1'='1"],
  ["a SQL comment", "x\"; DROP TABLE \"Device\"; --"],
  ["a UNION", "1 UNION SELECT hash FROM ApiToken"],
  ["a script tag", "<script>alert(1)</script>"],
  ["an event handler", "\"><img src=x onerror=alert(1)>"],
  ["a javascript: URL", "javascript:alert(document.cookie)"],
  ["a template", "{{7*7}} ${7*7} #{7*7}"],
  ["control characters", "a\u0001\u0007\u001b[31mb"],
  ["a right-to-left override", "abc\u202Etxt.exe"],
  ["zero-width characters", "a\u200B\u200C\u200Db\uFEFF"],
  ["emoji and astral characters", "🌡️ 𝔤𝔞𝔱𝔢 𠜎"],
  ["combining marks", "e\u0301\u0301\u0301\u0301"],
  ["a path traversal", "../../../../etc/passwd"],
  ["a percent-encoded traversal", "%2e%2e%2f%2e%2e%2f"],
];

describe("hostile text in a device's name and location", () => {
  it.each(TEXT)("%s is stored and answered as given", async (_, value) => {
    const made = await call("POST", "/devices", { token: owner.token, body: { name: value, kind: "thermostat", location: value } });
    expect(made.status, made.text).toBe(201);
    const stored = await testDb().device.findUniqueOrThrow({ where: { id: made.body.id }, select: { name: true, location: true } });
    expect(stored).toEqual({ name: made.body.name, location: made.body.location });
    expect(made.body.name).toBe(value.trim());
    const renamed = await call("PATCH", `/devices/${made.body.id}`, { token: owner.token, body: { name: `${value}!` } });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.name).toBe(`${value}!`.trim());
  });
});

describe("hostile text where an id, a cursor or a metric goes", () => {
  it.each(TEXT)("%s answers 404 or 400, never 500", async (_, value) => {
    const id = encodeURIComponent(value);
    for (const path of [`/devices/${id}`, `/devices/${id}/readings/latest`, `/devices/${id}/telemetry`]) {
      const answer = await call("GET", path, { token: owner.token });
      expect([400, 404], `${path}: ${answer.text}`).toContain(answer.status);
      expectProblem(answer, answer.status);
    }
    const page = await call("GET", `/devices?cursor=${id}`, { token: owner.token });
    expect(page.status, page.text).toBe(200);
    const metric = await call("GET", `/devices/${deviceId}/telemetry?metric=${id}`, { token: owner.token });
    expect([200, 400], metric.text).toContain(metric.status);
  });

  it.each(TEXT)("%s as a reading's metric or unit answers 400 or 201, never 500", async (_, value) => {
    const time = Date.now() - MINUTE_MS;
    const asMetric = await call("POST", `/devices/${deviceId}/telemetry`, { token: owner.token, body: { readings: [{ metric: value, time, value: 1 }] } });
    expectProblem(asMetric, 400, "invalid_request");
    const asUnit = await call("POST", `/devices/${deviceId}/telemetry`, { token: owner.token, body: { readings: [{ metric: "temperature", time, value: 1, unit: value.slice(0, 16) }] } });
    expect(asUnit.status, asUnit.text).toBe(201);
  });
});

// PostgreSQL cannot store a NUL in text (a 500 there once): refused on both engines, wherever it goes.
describe("a NUL character", () => {
  const NUL = "a\u0000b";

  it("answers 400 in a body's value or key, and stores nothing", async () => {
    const name = `nul-${crypto.randomUUID()}`;
    for (const body of [{ name: NUL, kind: "thermostat" }, { name, kind: "thermostat", location: NUL }, { name, kind: "thermostat", [NUL]: 1 }]) {
      expectProblem(await call("POST", "/devices", { token: owner.token, body }), 400, "invalid_request");
    }
    expect(await testDb().device.count({ where: { name } })).toBe(0);
    const reading = { metric: "temperature", time: Date.now() - MINUTE_MS, value: 1, unit: NUL };
    expectProblem(await call("POST", `/devices/${deviceId}/telemetry`, { token: owner.token, body: { readings: [reading] } }), 400, "invalid_request");
    expectProblem(await call("PATCH", `/devices/${deviceId}`, { token: owner.token, body: { name: NUL } }), 400, "invalid_request");
  });

  it("answers 400 in a path or a query", async () => {
    const id = encodeURIComponent(NUL);
    for (const path of [`/devices/${id}`, `/devices/${id}/readings/latest`, `/devices?cursor=${id}`, `/devices/${deviceId}/telemetry?metric=${id}`]) {
      expectProblem(await call("GET", path, { token: owner.token }), 400, "invalid_request");
    }
  });
});

describe("text that is not Unicode", () => {
  // JSON can escape half a surrogate pair; the database cannot store the string it makes (a 500 once).
  it("answers 400 for a lone surrogate anywhere in a body, in a value or a key", async () => {
    const bodies = [
      '{"name":"a\\ud800b","kind":"thermostat"}',
      '{"name":"ok","kind":"thermostat","location":"\\udfff"}',
      '{"name":"ok","kind":"thermostat","\\ud800":1}',
    ];
    for (const rawBody of bodies) expectProblem(await call("POST", "/devices", { token: owner.token, rawBody, headers: { "content-type": "application/json" } }), 400, "invalid_request");
    const reading = `{"readings":[{"metric":"temperature","time":${Date.now() - MINUTE_MS},"value":1,"unit":"\\ud83d"}]}`;
    expectProblem(await call("POST", `/devices/${deviceId}/telemetry`, { token: owner.token, rawBody: reading, headers: { "content-type": "application/json" } }), 400, "invalid_request");
    // A whole pair is an ordinary character.
    const pair = await call("POST", "/devices", { token: owner.token, rawBody: '{"name":"\\ud83c\\udf21","kind":"thermostat"}', headers: { "content-type": "application/json" } });
    expect(pair.status, pair.text).toBe(201);
    expect(pair.body.name).toBe("🌡");
  });
});

describe("mass assignment", () => {
  const FIELDS: [string, unknown][] = [
    ["id", "chosen-id"],
    ["createdAt", "2000-01-01T00:00:00Z"],
    ["lastSeenAt", "2030-01-01T00:00:00Z"],
    ["status", "online"],
    ["owner", { id: "someone" }],
    ["metrics", [{ key: "x", unit: "y" }]],
    ["__proto__", { admin: true }],
    ["constructor", { prototype: { admin: true } }],
  ];
  it.each(FIELDS)("a device may not be created or changed with %s", async (field, value) => {
    const before = await testDb().device.count({ where: { ownerId: owner.user.id } });
    const body = JSON.parse(`{"name":"Mass","kind":"thermostat",${JSON.stringify(field)}:${JSON.stringify(value)}}`);
    expectProblem(await call("POST", "/devices", { token: owner.token, rawBody: JSON.stringify(body), headers: { "content-type": "application/json" } }), 400, "invalid_request");
    const patch = JSON.parse(`{${JSON.stringify(field)}:${JSON.stringify(value)}}`);
    expectProblem(await call("PATCH", `/devices/${deviceId}`, { token: owner.token, rawBody: JSON.stringify(patch), headers: { "content-type": "application/json" } }), 400, "invalid_request");
    expect(await testDb().device.count({ where: { ownerId: owner.user.id } })).toBe(before);
  });

  it("gives a standard user's device to that user, whatever owner it names", async () => {
    const other = await userWithToken();
    const made = await call("POST", "/devices", { token: owner.token, body: { name: "Mine", kind: "thermostat", ownerId: other.user.id } });
    expect(made.status, made.text).toBe(201);
    expect(made.body.owner.id).toBe(owner.user.id);
  });
});

describe("bodies built to hurt", () => {
  const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
  const BODIES: [label: string, body: string, status: number][] = [
    ["an array nested 10,000 deep", nested(10_000), 400],
    ["an object nested 2,000 deep", '{"a":'.repeat(2_000) + "1" + "}".repeat(2_000), 400],
    ["readings nested inside a reading", JSON.stringify({ readings: [{ metric: "t", time: Date.now(), value: { readings: [] } }] }), 400],
    ["a body just over 256 kB", JSON.stringify({ readings: [{ metric: "t", time: Date.now(), value: 1, unit: "x".repeat(256 * 1024) }] }), 413],
    ["a thousand keys in one reading", JSON.stringify({ readings: [Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]))] }), 400],
    ["JSON with a BOM", `\uFEFF${JSON.stringify({ readings: [] })}`, 400],
    ["duplicate keys", '{"readings":[],"readings":[{"metric":"t","time":1,"value":1}]}', 400],
    ["a number with a thousand digits", `{"readings":[{"metric":"t","time":${Date.now()},"value":${"9".repeat(1000)}}]}`, 400],
    ["a string where the readings go", JSON.stringify({ readings: "x".repeat(1000) }), 400],
    ["null", "null", 400],
    ["an empty body", "", 400],
  ];
  it.each(BODIES)("%s answers %s", async (_, body, status) => {
    const answer = await call("POST", `/devices/${deviceId}/telemetry`, { token: owner.token, rawBody: body, headers: { "content-type": "application/json" } });
    expectProblem(answer, status);
  });
});
