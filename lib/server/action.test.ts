// The server-action wrapper: who is asked for, what the schema sees, what a refusal becomes, and
// that pages are revalidated (and a redirect made) only after a change went through. Next's
// request-bound functions and the session are stood in for: they need a live request.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Refusal } from "@/lib/refusal";
import { personOf } from "@/lib/testing/callers";

const next = vi.hoisted(() => ({ revalidated: [] as unknown[][], redirects: [] as string[], admin: false }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }) }));
vi.mock("next/cache", () => ({ revalidatePath: (...args: unknown[]) => next.revalidated.push(args) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    next.redirects.push(to);
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => personOf({ id: "u1", role: "STANDARD" }),
  requireAdmin: async () => {
    next.admin = true;
    return personOf({ id: "a1", role: "ADMIN" });
  },
}));

const { formAction } = await import("./action");
const { AccessRevokedError, DeviceApiError } = await import("./device-client");
const { AUDIT_UNAVAILABLE_MESSAGE, AuditUnavailable } = await import("@/lib/audit/append");

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

beforeEach(() => {
  next.revalidated = [];
  next.redirects = [];
  next.admin = false;
});

describe("formAction", () => {
  it("hands the caller and the parsed fields to run, then revalidates and answers with its state", async () => {
    const seen: unknown[] = [];
    const action = formAction(
      { input: z.object({ name: z.string(), scopes: z.array(z.string()), one: z.string() }), revalidate: ({ name }) => ["/a", [`/b/${name}`, "page"]] },
      async (caller, input) => {
        seen.push(caller.userId, input);
        return { ok: true, message: "Done." };
      },
    );
    const data = form([["$ACTION_ID_abc", ""], ["name", "x"], ["scopes", "s1"], ["scopes", "s2"], ["one", "1"], ["file", new Blob(["f"])]]);
    expect(await action({}, data)).toEqual({ ok: true, message: "Done." });
    expect(seen).toEqual(["u1", { name: "x", scopes: ["s1", "s2"], one: "1" }]);
    expect(next.revalidated).toEqual([["/a"], ["/b/x", "page"]]);
    expect(next.admin).toBe(false);
  });

  it("asks for an admin when told to", async () => {
    const action = formAction({ input: z.object({}), admin: true, revalidate: () => [] }, async (caller) => ({ ok: true, message: caller.userId }));
    expect(await action({}, form([]))).toEqual({ ok: true, message: "a1" });
    expect(next.admin).toBe(true);
  });

  it("answers invalid input with the fields' errors, without running or revalidating", async () => {
    const run = vi.fn();
    const action = formAction({ input: z.object({ name: z.string().min(1, "Give it a name"), one: z.string() }), revalidate: () => ["/a"] }, run);
    expect(await action({}, form([["name", ""], ["one", "1"], ["one", "2"]]))).toMatchObject({ errors: { name: ["Give it a name"], one: [expect.any(String)] } });
    expect(run).not.toHaveBeenCalled();
    expect(next.revalidated).toEqual([]);
  });

  it("turns a refusal, from lib/ or from the device API, into form state, and revalidates nothing", async () => {
    const refuse = (error: Error) => formAction({ input: z.object({}), revalidate: () => ["/a"] }, async () => Promise.reject(error));
    expect(await refuse(new Refusal("Choose a scope", "invalid", "scopes"))({}, form([]))).toEqual({ errors: { scopes: ["Choose a scope"] } });
    expect(await refuse(new Refusal("Not yours", "forbidden"))({}, form([]))).toEqual({ message: "Not yours" });
    const problem = { type: "t", title: "Bad Request", status: 400, detail: "The body is not valid", code: "invalid_request" as const, errors: { name: ["Enter a name"] } };
    expect(await refuse(new DeviceApiError(problem))({}, form([]))).toEqual({ errors: { name: ["Enter a name"] }, message: "The body is not valid" });
    expect(await refuse(new AccessRevokedError("revoked"))({}, form([]))).toEqual({ message: "Your dashboard access has been revoked; nothing was changed." });
    expect(await refuse(new AuditUnavailable(new Error("disk I/O error")))({}, form([]))).toEqual({ message: AUDIT_UNAVAILABLE_MESSAGE });
    expect(next.revalidated).toEqual([]);
  });

  it("rethrows anything unexpected to the error page", async () => {
    const unexpected = new Error("database is locked");
    const action = formAction({ input: z.object({}), revalidate: () => ["/a"] }, async () => Promise.reject(unexpected));
    await expect(action({}, form([]))).rejects.toBe(unexpected);
    expect(next.revalidated).toEqual([]);
  });

  it("redirects after a change went through, and only then", async () => {
    const action = formAction({ input: z.object({ go: z.string() }), revalidate: () => ["/"], redirectTo: "/" }, async (_, { go }) => (go === "yes" ? { ok: true } : {}));
    expect(await action({}, form([["go", "no"]]))).toEqual({});
    expect(next.redirects).toEqual([]);
    await expect(action({}, form([["go", "yes"]]))).rejects.toThrow("NEXT_REDIRECT /");
    expect(next.revalidated).toEqual([["/"]]);
  });
});
