// The role and scope checks that every data function makes on its caller before it reads or writes.
import { Refusal } from "@/lib/refusal";
import type { Caller, System } from "./caller";
import type { Scope } from "./scopes";

/** Refuses a caller without every one of the scopes: a token that lacks one, or a role that no longer allows it. */
export function assertScope(caller: Caller, ...scopes: Scope[]): void {
  const missing = scopes.find((scope) => !caller.scopes.has(scope));
  if (missing) throw new Refusal(`This ${caller.type === "token" ? "token" : "account"} lacks the ${missing} scope`, "forbidden");
}

/** Refuses anyone but an admin whose role (and token, if it is one) allows managing users; `what` ends "Only admins can …". */
export function assertAdmin(caller: Caller, what: string): void {
  if (caller.role !== "ADMIN" || !caller.scopes.has("users:admin")) throw new Refusal(`Only admins can ${what}`, "forbidden");
}

/**
 * Refuses a caller who may not manage userId's tokens. Gatehouse itself and an admin allowed
 * tokens:admin manage anyone's; a person manages their own, unless the change is for admins only.
 * A token never manages tokens without tokens:admin: a leaked one must not mint or revoke others.
 */
export function assertManages(caller: Caller | System, userId: string, options: { adminOnly?: boolean; message?: string } = {}): void {
  if (caller === "system" || (caller.role === "ADMIN" && caller.scopes.has("tokens:admin"))) return;
  if (options.adminOnly || caller.type !== "person" || caller.userId !== userId) {
    throw new Refusal(options.message ?? "You cannot manage these tokens", "forbidden");
  }
}
