// Who is asking: a person signed in to the dashboard, or a verified bearer token of any kind. Both
// act for one user, with that user's role, and may do only what their scopes allow.
import type { Role, TokenKind } from "@/lib/generated/prisma/client";
import { ROLE_SCOPES, type Scope } from "./scopes";

type Acting = {
  /** The user the caller acts for: the person, or the token's owner. */
  userId: string;
  role: Role;
  /** A person's role allows these; a token holds these and its owner's role still allows them. */
  scopes: ReadonlySet<Scope>;
  /** The client's address, where it can be trusted (lib/client-ip.ts), for the audit log. */
  ip: string | null;
};

/** Someone signed in through the dashboard, with what the pages show of them. */
export type Person = Acting & { type: "person"; email: string; name: string };

/** A signed-in user as a Person: their role's scopes (ROLE_SCOPES), and the address they came from. */
export function personFor(user: { id: string; email: string; name: string; role: Role }, ip: string | null): Person {
  return { type: "person", userId: user.id, email: user.email, name: user.name, role: user.role, scopes: new Set(ROLE_SCOPES[user.role]), ip };
}

/** A verified dashboard, personal or device token. */
export type TokenCaller = Acting & {
  type: "token";
  tokenId: string;
  kind: TokenKind;
  /** A device token may touch this one device only. */
  deviceId: string | null;
  /** As read at verification; the usage flush (lib/usage/counter.ts) writes later uses. */
  lastUsedAt: Date | null;
};

export type Caller = Person | TokenCaller;

/** Gatehouse itself, acting on no one's behalf: automatic rotation, idle-disable. */
export type System = "system";
