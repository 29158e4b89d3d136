// The fleet reads fleet.ts remembers, apart from it so that the modules that change devices can
// forget them (forgetFleet) without importing the reads.
import "server-only";
import { env } from "@/lib/env";
import { SECOND_MS } from "@/lib/time";

/**
 * How long a fleet read serves again (FLEET_CACHE_SECONDS, 5 by default). A homepage view makes
 * two API calls that both need it, and its figures refresh every LIVE_REFRESH_SECONDS anyway. A
 * device added, changed or removed in this process forgets every read at once; new readings, and
 * another instance's changes, show within this time (forgetting on every batch of readings would
 * forget all the time in a busy fleet). The tiles themselves are always read fresh.
 */
export const fleetCacheMs = () => env.FLEET_CACHE_SECONDS * SECOND_MS;
export const MAX_CACHED = 1000;

/** A fleet as read at `at`; `lastHour` once the summary has asked for it. */
export type Cached<T> = { at: number; generation: number; devices: T[]; lastHour?: number };
type Cache = { entries: Map<string, Cached<never>>; generation: number };

/** On globalThis: the API's routes and the pages' in-process calls are bundled apart. */
const shared = globalThis as unknown as { gatehouseFleet?: Cache };
export const cache: Cache = (shared.gatehouseFleet ??= { entries: new Map(), generation: 0 });

/** Forgets every fleet read of this process: after a change to devices. */
export function forgetFleet(): void {
  cache.generation++;
  cache.entries.clear();
}
