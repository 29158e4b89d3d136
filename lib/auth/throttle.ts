// Sign-in throttling: failures, not attempts, counted per account from an address, per address and
// per account, in the database so that every instance shares them (README "Security rules").
import "server-only";
import { db, transaction } from "@/lib/db";
import { advisoryLocksSql } from "@/lib/sql-dialect";
import { DAY_MS, MINUTE_MS } from "@/lib/time";
import { claimSignInSql, releaseSignInSql, type ThrottleKey } from "./sql";

type Rule = { threshold: number; capMs: number };

/** Once a key has `threshold` failures, each attempt waits 2^(failures - threshold) s after its last failure, at most capMs. */
export const SIGN_IN_THROTTLE = {
  /** One account from one address: someone guessing its password. */
  accountFromAddress: { threshold: 5, capMs: 15 * MINUTE_MS },
  /** One address across every account: password spraying. */
  address: { threshold: 30, capMs: 15 * MINUTE_MS },
  /** One account from every address: guessing spread over many. Capped short, so that strangers can slow its owner but not hold them out. */
  account: { threshold: 20, capMs: MINUTE_MS },
  /** One account when no address is known: every client shares the key, so the short cap again. */
  accountWithoutAddress: { threshold: 5, capMs: MINUTE_MS },
} satisfies Record<string, Rule>;

/** A key's count restarts this long after its last failure: longer than any cap, so that sitting out the longest lock earns no fresh allowance. */
export const FORGET_FAILURES_MS = 30 * MINUTE_MS;

/** How long a success from an address waives the account's and the address's locks for that account from there. */
export const TRUST_SUCCESS_MS = 30 * DAY_MS;

/** An attempt counted as a failure until signInSucceeded takes it back. */
export type Attempt = { keys: string[]; pairKey: string | null; at: number };

function keysFor(email: string, ip: string | null): { keys: ThrottleKey[]; pairKey: string | null } {
  const account = `account:${email}`;
  if (!ip) return { keys: [{ key: account, ...SIGN_IN_THROTTLE.accountWithoutAddress, waivable: false }], pairKey: null };
  // An email has no spaces, and an address our proxy wrote has none either.
  const pairKey = `pair:${ip} ${email}`;
  return {
    pairKey,
    keys: [
      { key: pairKey, ...SIGN_IN_THROTTLE.accountFromAddress, waivable: false },
      { key: `address:${ip}`, ...SIGN_IN_THROTTLE.address, waivable: true },
      { key: account, ...SIGN_IN_THROTTLE.account, waivable: true },
    ],
  };
}

/**
 * Counts the attempt as a failure before its password is checked, so that simultaneous attempts are
 * held to the limits too; null, and nothing counted, when one of its keys is locked.
 */
export async function beginSignIn(email: string, ip: string | null, now: number): Promise<Attempt | null> {
  const { keys, pairKey } = keysFor(email, ip);
  const claim = claimSignInSql(keys, pairKey, now, FORGET_FAILURES_MS, TRUST_SUCCESS_MS);
  // SQLite runs one writing statement at a time. PostgreSQL's READ COMMITTED would let simultaneous
  // claims all read the keys unlocked: each holds its keys' advisory locks (in one order, so two
  // claims cannot deadlock) until it commits.
  const locks = advisoryLocksSql(keys.map(({ key }) => `sign-in ${key}`));
  const counted = locks
    ? await transaction(async (tx) => {
        await tx.$executeRaw(locks);
        return tx.$executeRaw(claim);
      })
    : await db.$executeRaw(claim);
  if (Math.random() < 0.01) await forgetStale();
  return counted > 0 ? { keys: keys.map(({ key }) => key), pairKey, at: now } : null;
}

/** The password was right and the account active: the attempt is not a failure after all, and its address is now known to the account. */
export async function signInSucceeded(attempt: Attempt): Promise<void> {
  await db.$executeRaw(releaseSignInSql(attempt.keys, attempt.pairKey, attempt.at));
}

/** Now and then, drops keys whose failures are forgotten and whose success no longer counts. By the clock, not an attempt's time, which tests move. */
async function forgetStale(now = Date.now()): Promise<void> {
  const forgotten = new Date(now - FORGET_FAILURES_MS);
  await db.signInThrottle.deleteMany({
    where: { lastFailureAt: { lt: forgotten }, OR: [{ succeededAt: null }, { succeededAt: { lt: new Date(now - TRUST_SUCCESS_MS) } }] },
  });
}
