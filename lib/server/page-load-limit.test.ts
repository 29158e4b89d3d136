// The dashboard's token is limited by page loads, not by calls, and a page over the limit shows
// what it read a moment ago, or a request to slow down: never an error page.
import { describe, expect, it } from "vitest";
import { handleApiRequest, PAGE_LOAD_HEADER } from "@/lib/api/router";
import { apiClient, userWithToken, withinOneWindow } from "@/lib/testing/api-client";
import { createDevice, createUser } from "@/lib/testing/factories";
import { dashboardTokenFor } from "@/lib/tokens/dashboard";
import { SECOND_MS } from "@/lib/time";
import { loadOverviewSearch } from "./dashboard-data";

const ALL = { q: "", status: "all", sort: "name" } as const;
const loadOverview = (userId: string) => loadOverviewSearch(userId, ALL, 1);

/** The limit's default (lib/env-schema.ts); the tests run without the variable. */
const PAGE_LOADS = 300;

async function dashboardCall(token: string, pageLoad: string) {
  const request = new Request("http://in-process/api/v1/me", { headers: { authorization: `Bearer ${token}`, [PAGE_LOAD_HEADER]: pageLoad } });
  return (await handleApiRequest(request, { ip: null })).status;
}

async function dashboardToken(userId: string): Promise<string> {
  const grant = await dashboardTokenFor(userId);
  if (grant.state !== "ok") throw new Error("expected a dashboard token");
  return grant.token;
}

describe("the dashboard's limit", () => {
  it("counts a page load once however many calls it makes, and refuses the page load past the limit", async () => {
    await withinOneWindow(20 * SECOND_MS);
    const user = await createUser();
    const token = await dashboardToken(user.id);
    // Far more calls than the per-call limit (600), all of one page load.
    for (let i = 0; i < 700; i++) expect(await dashboardCall(token, "one-page-load")).toBe(200);
    for (let i = 1; i < PAGE_LOADS; i++) expect(await dashboardCall(token, `load-${i}`)).toBe(200);
    expect(await dashboardCall(token, "one-page-load")).toBe(200);
    expect(await dashboardCall(token, "one-too-many")).toBe(429);
  });

  it("is the server's alone: another token naming page loads is still counted a call at a time", async () => {
    await withinOneWindow(20 * SECOND_MS);
    const { token } = await userWithToken();
    const call = apiClient("203.0.113.77");
    let status = 200;
    for (let i = 0; i < 601 && status === 200; i++) status = (await call("GET", "/me", { token, headers: { [PAGE_LOAD_HEADER]: "same" } })).status;
    expect(status).toBe(429);
  });
});

describe("a page over the limit", () => {
  it("shows what it read before, with the wait, and asks to slow down when it has read nothing yet", async () => {
    await withinOneWindow(20 * SECOND_MS);
    const user = await createUser();
    await createDevice(user.id, { name: "Porch" });
    const first = await loadOverview(user.id);
    expect(first).toMatchObject({ state: "ok", data: { data: [{ name: "Porch" }] } });
    const token = await dashboardToken(user.id);
    for (let i = 0; i < PAGE_LOADS; i++) await dashboardCall(token, `spent-${i}`);

    const stale = await loadOverview(user.id);
    expect(stale).toMatchObject({ state: "ok", data: { data: [{ name: "Porch" }] }, stale: { retryAfter: expect.any(Number) } });
    expect(stale.state === "ok" && stale.at).toBe(first.state === "ok" && first.at);

    const newcomer = await createUser();
    const theirs = await dashboardToken(newcomer.id);
    for (let i = 0; i < PAGE_LOADS; i++) await dashboardCall(theirs, `spent-${i}`);
    expect(await loadOverview(newcomer.id)).toMatchObject({ state: "busy", retryAfter: expect.any(Number) });
  });
});
