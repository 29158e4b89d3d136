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

  it("refuses a NUL in a field of the form by name, and drops a made-up field without naming it", async () => {
    let ran = 0;
    const schema = z.object({ name: z.string().optional(), note: z.string().optional() });
    const action = formAction({ input: schema, revalidate: () => ["/a"] }, async () => ({ ok: true, message: `Done ${++ran}` }));

    expect(await action({}, form([["name", "a\u0000b"], ["<b>invented</b>", "\u0000"]]))).toEqual({
      errors: { name: ["May not contain a NUL character"] },
      message: "Please correct the highlighted field: name.",
    });
    expect(ran).toBe(0);
    // Only a made-up field holds one: it is dropped, and the form goes through.
    expect(await action({}, form([["name", "ok"], ["youWereHacked", "\u0000"]]))).toEqual({ ok: true, message: "Done 1" });
    // A schema of another shape names no field at all.
    const piped = formAction({ input: schema.transform((input) => input), revalidate: () => [] }, async () => ({ ok: true }));
    expect((await piped({}, form([["note", "\u0000"]]))).errors).toEqual({ note: ["May not contain a NUL character"] });
    const union = formAction({ input: z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]), revalidate: () => [] }, async () => ({ ok: true }));
    expect(await union({}, form([["madeUp", "\u0000"]]))).toEqual({ message: "A field holds a NUL character, which no field may." });
    expect(next.revalidated).toEqual([["/a"]]);
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
