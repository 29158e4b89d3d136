import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { flushRateLimits } from "@/lib/rate-limit";
import { flushUsage } from "@/lib/usage/counter";
import { testDb } from "@/lib/testing/factories";
import { DEFAULT_BODY_LIMIT } from "./body";
import { INGEST_BODY_LIMIT } from "./routes";
import { apiClient, deviceOf, expectProblem, storedReadings, tokenFor, userWithToken, withinOneWindow } from "@/lib/testing/api-client";
import { MINUTE_MS } from "@/lib/time";

const IP = "203.0.113.15";
const call = apiClient(IP);

/** One user for the whole file: each test takes fresh tokens of it. */
let userId: string;
beforeAll(async () => {
  userId = (await userWithToken()).user.id;
});

const counter = (key: string, windowStart: number) => testDb().rateLimit.findUnique({ where: { key_windowStart: { key, windowStart: new Date(windowStart) } } });

function expectRetryAfter(result: { headers: Headers }) {
  const retryAfter = result.headers.get("retry-after");
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
}

describe("rate limits", () => {
  it("answer 429 with Retry-After once a token passes its limit, counting in memory and sharing through the database", async () => {
    const { token, tokenId } = await tokenFor(userId);
    const other = await tokenFor(userId);
    const window = await withinOneWindow();
    expect((await call("GET", "/me", { token })).status).toBe(200);
    await flushRateLimits();
    expect((await counter(`token:${tokenId}`, window))?.count).toBe(1);

    // Requests another app instance served are just this row's count, which the next flush reads back.
    await testDb().rateLimit.update({ where: { key_windowStart: { key: `token:${tokenId}`, windowStart: new Date(window) } }, data: { count: env.API_RATE_LIMIT_PER_TOKEN - 1 } });
    await flushRateLimits();
    expect((await call("GET", "/me", { token })).status).toBe(200);
    const over = await call("GET", "/devices", { token });
    expectProblem(over, 429, "rate_limited", [token]);
    expectRetryAfter(over);
    await flushRateLimits();
    expect((await counter(`token:${tokenId}`, window))?.count).toBe(env.API_RATE_LIMIT_PER_TOKEN + 1);

    // The limit is the token's: from another address it is still limited, another token is not.
    expectProblem(await call("GET", "/me", { token, ip: "203.0.113.115" }), 429, "rate_limited");
    expect((await call("GET", "/me", { token: other.token })).status).toBe(200);
  });

  // The address is counted before the token check and the token after it, so a request from an
  // address over its limit is refused whether or not its token is good.
  it("answer 429 once an IP passes its limit, with a good token or none", async () => {
    const { token, tokenId } = await tokenFor(userId);
    const ip = "203.0.113.215";
    const window = await withinOneWindow();
    // Another instance used the address's whole minute: this one reads that at its first request.
    await testDb().rateLimit.create({ data: { key: `ip:${ip}`, windowStart: new Date(window), count: env.API_RATE_LIMIT_PER_IP } });
    const over = await call("GET", "/me", { token, ip });
    expectProblem(over, 429, "rate_limited", [token]);
    expectRetryAfter(over);
    expectProblem(await call("GET", "/me", { ip }), 429, "rate_limited");
    await flushRateLimits();
    expect((await counter(`token:${tokenId}`, window))?.count).toBe(1);
    expect((await counter(`ip:${ip}`, window))?.count).toBe(env.API_RATE_LIMIT_PER_IP + 2);
    expect((await call("GET", "/me", { token, ip: "203.0.113.216" })).status).toBe(200);
  });

  it("take the IP from the last X-Forwarded-For entry when none is given", async () => {
    const { token } = await tokenFor(userId);
    const limited = "198.51.100.23";
    const window = await withinOneWindow();
    await testDb().rateLimit.create({ data: { key: `ip:${limited}`, windowStart: new Date(window), count: env.API_RATE_LIMIT_PER_IP } });
    const spoofed = await call("GET", "/me", { token, ip: null, headers: { "x-forwarded-for": `${limited}, 203.0.113.217` } });
    expect(spoofed.status, spoofed.text).toBe(200);
    expectProblem(await call("GET", "/me", { token, ip: null, headers: { "x-forwarded-for": `203.0.113.218, ${limited}` } }), 429, "rate_limited");
  });
});

describe("body limits", () => {
  let owner: { user: { id: string }; token: string };
  let deviceId: string;
  const reading = () => ({ metric: "temperature", time: Date.now() - MINUTE_MS, value: 20 });

  beforeAll(async () => {
    owner = { user: { id: userId }, token: (await tokenFor(userId)).token };
    deviceId = await deviceOf(owner.user.id);
  });

  /** Valid JSON padded with trailing spaces to exactly `size` bytes. */
  const padded = (value: unknown, size: number) => {
    const json = JSON.stringify(value);
    return json + " ".repeat(size - Buffer.byteLength(json));
  };

  /** A body streamed in 16 kB chunks, with no Content-Length; counts the chunks pulled. */
  function streamOf(text: string) {
    const bytes = new TextEncoder().encode(text);
    const state = { pulled: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const start = state.pulled * 16_384;
        if (start >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(start, start + 16_384));
        state.pulled++;
      },
    });
    return { stream, state };
  }

  const targets = [
    { name: "POST /devices/{id}/telemetry", path: () => `/devices/${deviceId}/telemetry`, limit: INGEST_BODY_LIMIT, body: () => ({ readings: [reading()] }) },
    { name: "POST /devices", path: () => "/devices", limit: DEFAULT_BODY_LIMIT, body: () => ({ name: "Big", kind: "thermostat" }) },
  ];

  const state = async () => ({ devices: await testDb().device.count({ where: { ownerId: owner.user.id } }), readings: (await storedReadings(deviceId)).length });

  it("has the limits the issue names", () => {
    expect(INGEST_BODY_LIMIT).toBe(256 * 1024);
    expect(DEFAULT_BODY_LIMIT).toBe(16 * 1024);
  });

  describe.each(targets)("$name", (target) => {
    it("answers 413 over the limit with a Content-Length header, and changes nothing", async () => {
      const before = await state();
      const text = padded(target.body(), target.limit + 1);
      const result = await call("POST", target.path(), { token: owner.token, rawBody: text, headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) } });
      expectProblem(result, 413, "payload_too_large", [owner.token]);
      expect(await state()).toEqual(before);
    });

    it("answers 413 over the limit streamed without a Content-Length, reading no further than needed", async () => {
      const before = await state();
      const { stream, state: pulled } = streamOf(padded(target.body(), target.limit + 1024 * 1024));
      const result = await call("POST", target.path(), { token: owner.token, rawBody: stream, headers: { "content-type": "application/json" } });
      expectProblem(result, 413, "payload_too_large", [owner.token]);
      // The limit plus a little read-ahead, not the whole megabyte beyond it.
      expect(pulled.pulled * 16_384).toBeLessThanOrEqual(target.limit + 4 * 16_384);
      expect(await state()).toEqual(before);
    });

    it("answers 413 when the Content-Length understates the body", async () => {
      const before = await state();
      const result = await call("POST", target.path(), { token: owner.token, rawBody: padded(target.body(), target.limit + 1), headers: { "content-type": "application/json", "content-length": "64" } });
      expectProblem(result, 413, "payload_too_large", [owner.token]);
      expect(await state()).toEqual(before);
    });

    it("accepts a body of exactly the limit", async () => {
      const { stream } = streamOf(padded(target.body(), target.limit));
      const result = await call("POST", target.path(), { token: owner.token, rawBody: stream, headers: { "content-type": "application/json" } });
      expect(result.status, result.text).toBe(201);
    });

    it.each([["text/plain"], ["application/x-www-form-urlencoded"], ["multipart/form-data; boundary=x"], ["application/jsonp"], [""]])(
      "answers 415 for content-type %j, and changes nothing",
      async (type) => {
        const before = await state();
        const result = await call("POST", target.path(), { token: owner.token, rawBody: JSON.stringify(target.body()), headers: type ? { "content-type": type } : {} });
        expectProblem(result, 415, "unsupported_media_type", [owner.token]);
        expect(await state()).toEqual(before);
      },
    );
  });

  it("answers 415 for a PATCH that is not JSON, and changes nothing", async () => {
    const before = await testDb().device.findUniqueOrThrow({ where: { id: deviceId } });
    const result = await call("PATCH", `/devices/${deviceId}`, { token: owner.token, rawBody: "name=Renamed", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expectProblem(result, 415, "unsupported_media_type");
    expect(await testDb().device.findUniqueOrThrow({ where: { id: deviceId } })).toEqual(before);
  });
});

describe("a token in the URL", () => {
  it.each([["access_token"], ["token"]])("?%s= is refused with 400, with or without a header, and the token is not used", async (param) => {
    const { token, tokenId } = await tokenFor(userId);
    for (const headerToken of [null, token]) {
      const result = await call("GET", `/devices?${param}=${token}`, { token: headerToken });
      expectProblem(result, 400, "invalid_request", [token]);
      expect(result.body.detail).toMatch(/Authorization header/);
    }
    expect(await testDb().apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: { lastUsedAt: true } })).toEqual({ lastUsedAt: null });
  });
});

describe("unknown paths and methods", () => {
  let token: string;
  beforeAll(async () => {
    token = (await tokenFor(userId)).token;
  });

  it.each([
    ["PUT", "/devices"],
    ["DELETE", "/devices"],
    ["POST", "/me"],
    ["PUT", "/devices/some-id"],
    ["POST", "/devices/some-id"],
    ["POST", "/devices/some-id/readings/latest"],
    ["DELETE", "/devices/some-id/telemetry"],
  ])("%s %s answers 405 problem+json", async (method, path) => {
    const result = await call(method, path, { token });
    expectProblem(result, 405, "method_not_allowed", [token]);
  });

  // Regression test, once a bug (lib/api/router.ts:57): RFC 9110 §15.5.6 says a 405 MUST carry an Allow header naming the
  // path's methods. Collect them in findRoute and pass { headers: { allow: "GET, POST" } }.
  it("names the allowed methods in Allow on a 405", async () => {
    const result = await call("PUT", "/devices", { token });
    expect(result.headers.get("allow")).toBe("GET, POST");
  });

  it.each([["/"], ["/nope"], ["/devices/some-id/nope"], ["/devices/a/b/c/telemetry"], ["/me/"], ["/DEVICES"]])("GET %s answers 404 problem+json", async (path) => {
    const result = await call("GET", path, { token });
    expectProblem(result, 404, "not_found", [token]);
    expect(result.body.detail).toBe("No such endpoint");
  });
});

describe("last use", () => {
  // Written by the usage flush (lib/usage/counter.ts, a job every 5 s), never by the request itself.
  const lastUse = (tokenId: string) => testDb().apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: { lastUsedAt: true, lastUsedIp: true } });

  it("is written by the usage flush, with the latest request's time and address, not by the request", async () => {
    const { token, tokenId } = await tokenFor(userId);
    await flushUsage();
    const before = Date.now();
    expect((await call("GET", "/me", { token, ip: "203.0.113.41" })).status).toBe(200);
    expect((await call("GET", "/devices", { token, ip: "203.0.113.42" })).status).toBe(200);
    expect(await lastUse(tokenId)).toEqual({ lastUsedAt: null, lastUsedIp: null });
    await flushUsage();
    const written = await lastUse(tokenId);
    expect(written.lastUsedIp).toBe("203.0.113.42");
    expect(written.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before);
    expect(written.lastUsedAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("records the last X-Forwarded-For entry when no IP is given", async () => {
    const { token, tokenId } = await tokenFor(userId);
    expect((await call("GET", "/me", { token, ip: null, headers: { "x-forwarded-for": "10.0.0.1, 203.0.113.44" } })).status).toBe(200);
    await flushUsage();
    expect((await lastUse(tokenId)).lastUsedIp).toBe("203.0.113.44");
  });
});
