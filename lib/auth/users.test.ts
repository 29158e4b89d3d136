import { describe, expect, it } from "vitest";
import { createDevice, createUser } from "@/lib/testing/factories";
import { ForbiddenError, listUsers } from "./users";

const SUMMARY_KEYS = ["createdAt", "deviceCount", "disabledAt", "email", "id", "name", "role"];

describe("listUsers", () => {
  it("lists users with their device counts for an admin", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const owner = await createUser({ name: "Owner" });
    const disabled = await createUser({ disabled: true });
    await createDevice(owner.id);
    await createDevice(owner.id);

    const byId = new Map((await listUsers(admin)).map((user) => [user.id, user]));
    expect(byId.get(owner.id)).toMatchObject({ email: owner.email, name: "Owner", role: "STANDARD", disabledAt: null, deviceCount: 2 });
    expect(byId.get(admin.id)).toMatchObject({ role: "ADMIN", deviceCount: 0 });
    expect(byId.get(disabled.id)?.disabledAt).toBeInstanceOf(Date);
  });

  it("refuses a standard user", async () => {
    const user = await createUser();
    await expect(listUsers(user)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("returns the summary DTO, never a password hash", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const users = await listUsers(admin);
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) expect(Object.keys(user).sort()).toEqual(SUMMARY_KEYS);
  });
});
