// The tokens a person has just revoked or rotated in this browser, in a short-lived cookie: the
// token pages keep those rows in a view they would leave (lib/tokens/listing.ts), so that a row
// does not vanish with the answer to its change, or with a rotation's shown-once successor.
import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";

const COOKIE = "gatehouse-token-changes";
const MAX_AGE_SECONDS = 10 * 60;
const MAX_IDS = 20;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Only ids, and only the caller's own pages read them: it names which rows to keep showing. */
export async function rememberTokenChange(tokenId: string): Promise<void> {
  const store = await cookies();
  const ids = [tokenId, ...parse(store.get(COOKIE)?.value).filter((id) => id !== tokenId)].slice(0, MAX_IDS);
  store.set(COOKIE, ids.join("."), { httpOnly: true, sameSite: "lax", path: "/", maxAge: MAX_AGE_SECONDS, secure: new URL(env.NEXTAUTH_URL).protocol === "https:" });
}

export async function justChangedTokens(): Promise<Set<string>> {
  return new Set(parse((await cookies()).get(COOKIE)?.value));
}

function parse(value: string | undefined): string[] {
  return (value ?? "").split(".").filter((id) => ID.test(id)).slice(0, MAX_IDS);
}
