// The role and scope checks, on their own: what each caller may do.
import { describe, expect, it } from "vitest";
import { Refusal } from "@/lib/refusal";
import { personOf, tokenCallerOf } from "@/lib/testing/callers";
import { assertAdmin, assertManages, assertScope } from "./checks";

const standard = { id: "u1", role: "STANDARD" as const };
const admin = { id: "a1", role: "ADMIN" as const };

function refusal(check: () => void): Refusal | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(Refusal);
    return error as Refusal;
  }
}

describe("assertScope", () => {
  it("passes a caller holding every scope asked for, and names the first one missing", () => {
    expect(refusal(() => assertScope(personOf(standard), "devices:read", "telemetry:write"))).toBeUndefined();
    const token = tokenCallerOf(standard, { scopes: ["devices:read"] });
    expect(refusal(() => assertScope(token, "devices:read", "telemetry:read"))).toMatchObject({ code: "forbidden", message: "This token lacks the telemetry:read scope" });
    expect(refusal(() => assertScope(personOf(standard), "users:admin"))?.code).toBe("forbidden");
  });
});

describe("assertAdmin", () => {
  it("passes an admin allowed users:admin, and no one else", () => {
    expect(refusal(() => assertAdmin(personOf(admin), "list users"))).toBeUndefined();
    expect(refusal(() => assertAdmin(personOf(standard), "list users"))).toMatchObject({ code: "forbidden", message: "Only admins can list users" });
    expect(refusal(() => assertAdmin(tokenCallerOf(admin, { scopes: ["devices:read"] }), "list users"))?.code).toBe("forbidden");
  });
});

describe("assertManages", () => {
  it("lets Gatehouse and an admin allowed tokens:admin manage anyone's tokens", () => {
    expect(refusal(() => assertManages("system", "u2", { adminOnly: true }))).toBeUndefined();
    expect(refusal(() => assertManages(personOf(admin), "u2", { adminOnly: true }))).toBeUndefined();
    expect(refusal(() => assertManages(tokenCallerOf(admin), "u2"))).toBeUndefined();
    expect(refusal(() => assertManages(tokenCallerOf(admin, { scopes: ["devices:read"] }), "a1"))?.code).toBe("forbidden");
  });

  it("lets a person manage their own tokens, unless the change is for admins only", () => {
    expect(refusal(() => assertManages(personOf(standard), "u1"))).toBeUndefined();
    expect(refusal(() => assertManages(personOf(standard), "u2"))?.code).toBe("forbidden");
    expect(refusal(() => assertManages(personOf(standard), "u1", { adminOnly: true }))?.code).toBe("forbidden");
    expect(refusal(() => assertManages(personOf(standard), "u2", { message: "You cannot see these tokens" }))?.message).toBe("You cannot see these tokens");
  });

  it("never lets a token without tokens:admin manage tokens, not even its owner's", () => {
    expect(refusal(() => assertManages(tokenCallerOf(standard), "u1"))?.code).toBe("forbidden");
  });
});
