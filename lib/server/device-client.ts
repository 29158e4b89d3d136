// The dashboard's only way to device data: the signed-in user's own server-held token, decrypted
// here and sent to the device API, in-process by default (the same router, token, scope and owner
// checks as any script, answering with the value rather than JSON text) or over HTTP when
// DEVICE_API_URL is set.
// Nothing from here but the API's JSON reaches a page: never the token.
import "server-only";
import crypto from "node:crypto";
import { cache } from "react";
import { API_PREFIX, handleApiRequest, InProcessResponse, PAGE_LOAD_HEADER } from "@/lib/api/router";
import type { Problem } from "@/lib/api/problem";
import { env } from "@/lib/env";
import { dashboardTokenFor } from "@/lib/tokens/dashboard";

/** The user's dashboard token was revoked: pages show the "access revoked" state. */
export class AccessRevokedError extends Error {
  override name = "AccessRevokedError";
}

/** The API answered with a problem the page may show (404, 400, 429 ...). */
export class DeviceApiError extends Error {
  override name = "DeviceApiError";
  constructor(
    readonly problem: Problem,
    /** Seconds to wait, from a 429's Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(problem.detail);
  }

  get status(): number {
    return this.problem.status;
  }
}

type DeviceClient = {
  get<T>(path: string, query?: Record<string, string | undefined>): Promise<T>;
  send<T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T>;
};

/**
 * One id for everything a page load (or an action) asks the API: the dashboard's token is counted
 * once a page load, not once a call, however many calls the page makes (lib/api/router.ts).
 */
const pageLoadId = cache((): string => crypto.randomUUID());

/** `apiUrl` names an external device API; by default the one in DEVICE_API_URL, or in-process. */
export function deviceClient(userId: string, apiUrl = env.DEVICE_API_URL): DeviceClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const grant = await dashboardTokenFor(userId);
    if (grant.state === "revoked") throw new AccessRevokedError("Your dashboard access has been revoked");
    const headers: Record<string, string> = { authorization: `Bearer ${grant.token}`, accept: "application/json", [PAGE_LOAD_HEADER]: pageLoadId() };
    if (body !== undefined) headers["content-type"] = "application/json";
    const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" };
    const response = apiUrl
      ? await fetch(new URL(`${API_PREFIX}${path}`, apiUrl), init)
      : await handleApiRequest(new Request(`http://in-process${API_PREFIX}${path}`, init), { ip: null, inProcess: true });
    if (response.status === 401) {
      // Revoked between the lookup and the call; the next load shows the revoked state.
      throw new AccessRevokedError("Your dashboard access has been revoked");
    }
    if (!response.ok) throw new DeviceApiError(await problemOf(response), Number(response.headers.get("retry-after")) || undefined);
    // In-process, the value itself: the same path and checks as a script's call, without JSON text.
    if (response instanceof InProcessResponse) return response.value as T;
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return {
    get: (path, query = {}) => {
      const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined)).toString();
      return call("GET", search ? `${path}?${search}` : path);
    },
    send: (method, path, body) => call(method, path, body),
  };
}

/** The problem body, or a stand-in when a proxy or a crash answered with something else. */
async function problemOf(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { type: "about:blank", title: response.statusText, status: response.status, detail: "The device API answered without a problem body", code: "internal" };
  }
}
