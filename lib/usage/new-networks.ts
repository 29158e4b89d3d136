// Which of a flush's token–network pairs are new, for the monitor's "used from a network it has not
// used in 30 days" rule, and the list of them that the monitor takes on its own timer.
import { DAY_MS } from "@/lib/time";

/** A pair of token and network that flushUsage found new: never seen, or not for 30 days. */
export type NewNetwork = { tokenId: string; userId: string; network: string; previousLastSeen: Date | null; tokenHadOtherNetworks: boolean };

/** A network unused for this long is new again. */
export const NETWORK_FORGOTTEN_MS = 30 * DAY_MS;

/** A pair as counted in memory. */
export type SeenNetwork = { tokenId: string; userId: string; network: string; firstSeenAt: number; lastSeenAt: number };
/** A pair as stored, before this flush. */
export type KnownNetwork = { tokenId: string; network: string; lastSeenAt: Date | number | bigint };

/**
 * The pairs that are new: no row, or a row last seen 30 days or more before `now`. A token's very
 * first network is no anomaly, so each says whether the token had been seen from any other
 * network (at any time), in the database or earlier in this batch; the token's own network, back
 * after a quiet month, says false.
 */
export function newPairs(seen: SeenNetwork[], known: KnownNetwork[], now: number): NewNetwork[] {
  const lastSeen = new Map(known.map((k) => [`${k.tokenId}\n${k.network}`, k.lastSeenAt instanceof Date ? k.lastSeenAt.getTime() : Number(k.lastSeenAt)]));
  const networksOf = new Map<string, Set<string>>();
  for (const k of known) networksOf.set(k.tokenId, (networksOf.get(k.tokenId) ?? new Set()).add(k.network));
  const found: NewNetwork[] = [];
  // Oldest first, so that of two networks new in one batch, the one used first counts as the first.
  for (const pair of [...seen].sort((a, b) => a.firstSeenAt - b.firstSeenAt)) {
    const previous = lastSeen.get(`${pair.tokenId}\n${pair.network}`);
    const others = networksOf.get(pair.tokenId) ?? new Set<string>();
    const hadOthers = [...others].some((network) => network !== pair.network);
    networksOf.set(pair.tokenId, others.add(pair.network));
    if (previous !== undefined && now - previous < NETWORK_FORGOTTEN_MS) continue;
    found.push({
      tokenId: pair.tokenId,
      userId: pair.userId,
      network: pair.network,
      previousLastSeen: previous === undefined ? null : new Date(previous),
      tokenHadOtherNetworks: hadOthers,
    });
  }
  return found;
}

// The new pairs of recent flushes, for a monitor job on its own timer. Bounded: if no one takes
// them, the oldest go first. On globalThis for the reason lib/usage/counter.ts gives.
const MAX_PENDING = 10_000;
const pending = globalThis as unknown as { gatehouseNewNetworks?: NewNetwork[] };

export function keepNewNetworks(found: NewNetwork[]): void {
  if (found.length === 0) return;
  const list = (pending.gatehouseNewNetworks ??= []);
  list.push(...found);
  if (list.length > MAX_PENDING) list.splice(0, list.length - MAX_PENDING);
}

/** The new pairs found by this process's flushes since the last call, oldest first; each is handed out once. */
export function takeNewNetworks(): NewNetwork[] {
  const list = pending.gatehouseNewNetworks ?? [];
  pending.gatehouseNewNetworks = [];
  return list;
}
