// Test helper: calls the device API in-process with real Request objects, exactly as the route
// handler does, and checks the problem+json contract every error response must keep.
import { expect } from "vitest";
import { ROLE_SCOPES, type Scope } from "@/lib/access/scopes";
import { handleApiRequest } from "@/lib/api/router";
import type { Role } from "@/lib/generated/prisma/client";
import { STANDARD_SCOPES } from "./callers";
import { createDevice, createUser, issueTestToken, testDb } from "./factories";

/** Test responses are read loosely: the assertions themselves say what shape is expected. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

type ApiResult = { status: number; headers: Headers; text: string; body: Json };

type CallOptions = {
  /** A token sent as `Authorization: Bearer <token>`; null sends no Authorization header. */
  token?: string | null;
  /** Serialised as JSON with content-type application/json. */
  body?: unknown;
  /** Sent as is (no content-type is added unless given in headers). */
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  /** Overrides the client's IP; null lets the router read X-Forwarded-For. */
  ip?: string | null;
};

export function apiClient(defaultIp: string) {
  return async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiResult> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: BodyInit | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const init: RequestInit & { duplex?: "half" } = { method, headers, body };
    if (body instanceof ReadableStream) init.duplex = "half";
    const request = new Request(`http://test/api/v1${path}`, init);
    const ip = options.ip === undefined ? defaultIp : options.ip;
    const response = await handleApiRequest(request, ip === null ? {} : { ip });
    const text = await response.text();
    let parsed: Json = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
}

export type Call = ReturnType<typeof apiClient>;

/** A device's telemetry through the API: ingest readings and read buckets, as `token()` unless told otherwise. */
export function telemetryCalls(call: Call, token: () => string) {
  return {
    ingest: (deviceId: string, readings: unknown[], as = token()) => call("POST", `/devices/${deviceId}/telemetry`, { token: as, body: { readings } }),
    read: (deviceId: string, query: string, as = token()) => call("GET", `/devices/${deviceId}/telemetry?${query}`, { token: as }),
  };
}

/**
 * Asserts an RFC 9457 problem with the given status: the content type, the five members, no stack
 * frame, and none of the given secrets echoed back. A 401 must also challenge with Bearer.
 */
export function expectProblem(result: ApiResult, status: number, code?: string, secrets: (string | null | undefined)[] = []): void {
  expect(result.status, result.text).toBe(status);
  expect(result.headers.get("content-type")).toBe("application/problem+json");
  // Never stored; a short one never compressed either (lib/api/problem.ts).
  expect(result.headers.get("cache-control")).toBe(Buffer.byteLength(result.text) < 1024 ? "no-store, no-transform" : "no-store");
  const body = result.body;
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), code: expect.any(String) });
  if (code) expect(body.code).toBe(code);
  expect(result.text).not.toMatch(/\bat \S+ \(|\n\s+at |\.ts:\d+:\d+/);
  for (const secret of secrets) {
    if (!secret) continue;
    expect(result.text).not.toContain(secret);
    // Nor the random part of a Gatehouse token on its own.
    if (secret.startsWith("gth_")) expect(result.text).not.toContain(secret.slice(8, 38));
  }
  if (status === 401) expect(result.headers.get("www-authenticate") ?? "").toMatch(/^Bearer\b/);
}

/** The token with one character of its secret changed, so that its checksum no longer matches. */
export function flipChar(token: string, at = 12): string {
  const c = token[at]!;
  return token.slice(0, at) + (c === "A" ? "B" : "A") + token.slice(at + 1);
}

/** A user with a token of the given scopes (by default everything the role allows). */
export async function userWithToken(options: { role?: Role; scopes?: Scope[]; name?: string; disabled?: boolean } = {}) {
  const user = await createUser({ role: options.role, name: options.name });
  const scopes = options.scopes ?? [...ROLE_SCOPES[options.role ?? "STANDARD"]];
  const issued = await issueTestToken(user.id, { scopes });
  return { user, token: issued.token, tokenId: issued.view.id };
}

/** One more token for an existing user: far cheaper than a new user, whose password is hashed. */
export async function tokenFor(userId: string, scopes: Scope[] = STANDARD_SCOPES) {
  const issued = await issueTestToken(userId, { scopes });
  return { token: issued.token, tokenId: issued.view.id };
}

/** A device of a user, with nothing else made. */
export async function deviceOf(ownerId: string, name?: string): Promise<string> {
  return (await createDevice(ownerId, { name })).id;
}

/** An id shaped like a real one that names no device. */
export function randomId(): string {
  return `c${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;
}

/** The problem body without `instance` (which names the requested path), for comparing two 404s. */
export function withoutInstance(body: Json): Json {
  const rest = { ...body };
  delete rest.instance;
  return rest;
}

export { WINDOW_MS, withinOneWindow } from "./rate-window";

/** Readings of a device as stored, newest last. */
export async function storedReadings(deviceId: string) {
  return testDb().telemetry.findMany({
    where: { metric: { deviceId } },
    select: { time: true, value: true, metric: { select: { key: true } } },
    orderBy: [{ metricId: "asc" }, { time: "asc" }],
  });
}
