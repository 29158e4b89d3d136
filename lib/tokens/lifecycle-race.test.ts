// A user disabled while a token of theirs is being issued or rotated ends up with no live token:
// the owner is checked again inside the change's transaction.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createUser, testDb } from "@/lib/testing/factories";
import { issuePersonal, refusalOf } from "@/lib/testing/tokens";
import { rotateToken } from "./lifecycle";
import * as policy from "./policy";

/** Disables the user the next time the policy is read: after the first owner check, before the transaction. */
function disableDuringTheChange(userId: string) {
  const read = policy.getPolicy;
  vi.spyOn(policy, "getPolicy").mockImplementationOnce(async (role) => {
    await testDb().user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    return read(role);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a disable during a token change", () => {
  it("refuses the issue and leaves no token", async () => {
    const user = await createUser();
    disableDuringTheChange(user.id);
    expect(await refusalOf(issuePersonal("system", user.id))).toMatchObject({ code: "invalid", field: "userId" });
    expect(await testDb().apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses the rotation and leaves no successor", async () => {
    const user = await createUser();
    const { view } = await issuePersonal("system", user.id);
    disableDuringTheChange(user.id);
    expect(await refusalOf(rotateToken("system", view.id, 1))).toMatchObject({ code: "invalid", field: "userId" });
    expect(await testDb().apiToken.count({ where: { userId: user.id } })).toBe(1);
    expect(await testDb().apiToken.findUniqueOrThrow({ where: { id: view.id }, select: { replacedById: true } })).toEqual({ replacedById: null });
  });
});
