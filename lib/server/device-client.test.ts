// The dashboard's device client, in-process and over HTTP: the same answers, the user's own token,
// and the revoked state once that token is revoked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@/lib/testing/api-server";
import { createDevice, createUser, testDb } from "@/lib/testing/factories";
import { revokeToken } from "@/lib/tokens/lifecycle";
import { handleApiRequest, InProcessResponse } from "@/lib/api/router";
import { AccessRevokedError, DeviceApiError, deviceClient } from "./device-client";

type Page = { data: { id: string; name: string }[]; nextCursor: string | null };

let server: ApiServer;
let apiUrl: string;

beforeAll(async () => {
  server = await startApiServer();
  apiUrl = server.url;
});

afterAll(() => server.close());

describe("deviceClient", () => {
  it("answers the same in-process and over HTTP, with the user's own dashboard token", async () => {
    const user = await createUser();
    const other = await createUser();
    const mine = await createDevice(user.id, { name: "Mine" });
    await createDevice(other.id, { name: "Theirs" });
    const local = await deviceClient(user.id, undefined).get<Page>("/devices");
    const remote = await deviceClient(user.id, apiUrl).get<Page>("/devices");
    expect(remote).toEqual(local);
    expect(local.data.map((d) => d.id)).toEqual([mine.id]);
    expect(server.authorizations.at(-1)).toMatch(/^Bearer gth_dsh_/);
  });

  it("takes the router's value in-process, with no JSON text, through the same checks as a script", async () => {
    const user = await createUser();
    await createDevice(user.id, { name: "In process" });
    const { dashboardTokenFor } = await import("@/lib/tokens/dashboard");
    const grant = await dashboardTokenFor(user.id);
    if (grant.state !== "ok") throw new Error("no dashboard token");
    const request = () => new Request("http://in-process/api/v1/devices", { headers: { authorization: `Bearer ${grant.token}` } });
    const inProcess = await handleApiRequest(request(), { ip: null, inProcess: true });
    expect(inProcess).toBeInstanceOf(InProcessResponse);
    expect(inProcess.body).toBeNull();
    const asText = await (await handleApiRequest(request(), { ip: null })).json();
    expect((inProcess as InProcessResponse).value).toEqual(asText);
    // A refusal is an ordinary problem response, in-process too.
    const refused = await handleApiRequest(new Request("http://in-process/api/v1/devices", { headers: { authorization: "Bearer nope" } }), { ip: null, inProcess: true });
    expect(refused).not.toBeInstanceOf(InProcessResponse);
    expect(refused.status).toBe(401);
  });

  it("turns a 404 into a DeviceApiError with the problem, over either path", async () => {
    const user = await createUser();
    for (const url of [undefined, apiUrl]) {
      const error = await deviceClient(user.id, url).get("/devices/no-such-device").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeviceApiError);
      expect((error as DeviceApiError).status).toBe(404);
    }
  });

  it("throws AccessRevokedError once the dashboard token is revoked, and does not replace it", async () => {
    const user = await createUser();
    await deviceClient(user.id).get("/devices");
    const token = await testDb().apiToken.findFirstOrThrow({ where: { userId: user.id, kind: "DASHBOARD" }, select: { id: true } });
    await revokeToken("system", token.id);
    for (const url of [undefined, apiUrl]) {
      await expect(deviceClient(user.id, url).get("/devices")).rejects.toBeInstanceOf(AccessRevokedError);
    }
    expect(await testDb().apiToken.count({ where: { userId: user.id, kind: "DASHBOARD" } })).toBe(1);
  });
});
