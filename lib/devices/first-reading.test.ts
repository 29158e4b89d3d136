// The oldest reading of a device, directly and through the API route that the device page reads.
import { beforeAll, describe, expect, it } from "vitest";
import { apiClient, expectProblem, tokenFor } from "@/lib/testing/api-client";
import { personOf } from "@/lib/testing/callers";
import { createDevice, createUser } from "@/lib/testing/factories";
import { DAY_MS, MINUTE_MS } from "@/lib/time";
import { firstReading } from "./first-reading";

const call = apiClient("203.0.113.41");
const OLDEST = new Date(Math.floor((Date.now() - 30 * DAY_MS) / MINUTE_MS) * MINUTE_MS);

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let stranger: User;
let admin: User;
let reporting: string;
let silent: string;

beforeAll(async () => {
  [owner, stranger, admin] = [await createUser(), await createUser(), await createUser({ role: "ADMIN" })];
  reporting = (
    await createDevice(owner.id, {
      // The oldest reading is the second metric's, written after newer ones of the first.
      readings: [
        { key: "temperature", values: [[new Date(OLDEST.getTime() + DAY_MS), 20], [new Date(OLDEST.getTime() + 2 * DAY_MS), 21]] },
        { key: "humidity", values: [[new Date(OLDEST.getTime() + 3 * DAY_MS), 40], [OLDEST, 41]] },
      ],
    })
  ).id;
  silent = (await createDevice(owner.id)).id;
});

describe("firstReading", () => {
  it("is the oldest reading across all of the device's metrics", async () => {
    expect(await firstReading(personOf(owner), reporting)).toEqual({ time: OLDEST.toISOString() });
    expect(await firstReading(personOf(admin), reporting)).toEqual({ time: OLDEST.toISOString() });
  });

  it("is null for a device that has sent nothing", async () => {
    expect(await firstReading(personOf(owner), silent)).toEqual({ time: null });
  });

  it("does not answer for a device the caller may not see", async () => {
    expect(await firstReading(personOf(stranger), reporting)).toBeNull();
  });
});

describe("GET /devices/{deviceId}/readings/first", () => {
  it("answers the owner with the time, and another user 404 as for a device that does not exist", async () => {
    const { token } = await tokenFor(owner.id, ["telemetry:read"]);
    const ok = await call("GET", `/devices/${reporting}/readings/first`, { token });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toEqual({ time: OLDEST.toISOString() });
    const other = await tokenFor(stranger.id, ["telemetry:read"]);
    expectProblem(await call("GET", `/devices/${reporting}/readings/first`, { token: other.token }), 404, "not_found");
  });
});
