// When a device first reported: its "Added" date when it has readings from before it was
// registered, and its connection page's "connected, first reading at …".
import "server-only";
import type { Caller } from "@/lib/access/caller";
import { assertScope } from "@/lib/access/checks";
import { visibleTo } from "@/lib/access/visible";
import { db } from "@/lib/db";

/**
 * The time of the device's oldest reading (null before its first), or null for a device the
 * caller may not see. One lookup a metric on the (metricId, time) key: a nested `take` in one
 * Prisma query could read every reading of the device to keep one.
 */
export async function firstReading(caller: Caller, id: string): Promise<{ time: string | null } | null> {
  assertScope(caller, "telemetry:read");
  const device = await db.device.findFirst({ where: { id, ...visibleTo(caller) }, select: { metrics: { select: { id: true } } } });
  if (!device) return null;
  const oldest = await Promise.all(
    device.metrics.map(({ id: metricId }) => db.telemetry.findFirst({ where: { metricId }, orderBy: { time: "asc" }, select: { time: true } })),
  );
  const times = oldest.flatMap((reading) => (reading ? [reading.time.getTime()] : []));
  return { time: times.length > 0 ? new Date(Math.min(...times)).toISOString() : null };
}
