// The homepage: the fleet summary and a page of device tiles, read through the device API with the
// user's server-held token (/fleet and /overview/search). Each section streams in behind its own
// skeleton; the search, filter, sort and page live in the query string; the page refreshes itself
// while it is in view. The API searches and counts the whole fleet from a light read, and only the
// page's devices are read in full and rendered, so a view costs about the same for 100 devices as
// for 1,000.
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DeviceTiles } from "@/components/devices/device-tiles";
import { DeviceFilters, NoDevicesMatch } from "@/components/devices/device-filters";
import { FleetSummary } from "@/components/devices/fleet-summary";
import { FleetSkeleton, TilesSkeleton } from "@/components/devices/skeletons";
import { AccessRevoked } from "@/components/layout/access-revoked";
import { LiveUpdates } from "@/components/layout/live-updates";
import { SlowDown, StaleNotice } from "@/components/layout/slow-down";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { BUTTON } from "@/components/ui/styles";
import { requireUser } from "@/lib/auth/session";
import { deviceListHref, parseDeviceFilter, parseDevicePage, showingText, type DeviceFilter } from "@/lib/devices/filter";
import { toTile } from "@/lib/devices/tile";
import { env } from "@/lib/env";
import { loadFleet, loadOverviewSearch } from "@/lib/server/dashboard-data";
import { SECOND_MS } from "@/lib/time";

export const metadata: Metadata = { title: "Devices" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HomePage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const filter = parseDeviceFilter(params);
  const page = parseDevicePage(params);
  const isAdmin = user.role === "ADMIN";
  return (
    <>
      <PageHeader title="Devices" description={isAdmin ? "Every device in Gatehouse, across all users." : "The devices you own."}>
        <Link href="/devices/new" prefetch={false} className={BUTTON.primary}>
          Add device
        </Link>
      </PageHeader>
      <Suspense fallback={<FleetSkeleton />}>
        <Fleet userId={user.userId} />
      </Suspense>
      <Suspense fallback={<TilesSkeleton />}>
        <Tiles userId={user.userId} showOwner={isAdmin} filter={filter} page={page} />
      </Suspense>
    </>
  );
}

async function Fleet({ userId }: { userId: string }) {
  const loaded = await loadFleet(userId);
  // The tiles say when access is revoked, and a fleet of none needs no summary.
  if (loaded.state !== "ok" || loaded.data.devices.total === 0) return null;
  return <FleetSummary fleet={loaded.data} />;
}

type TilesProps = { userId: string; showOwner: boolean; filter: DeviceFilter; page: number };

async function Tiles({ userId, showOwner, filter, page }: TilesProps) {
  const loaded = await loadOverviewSearch(userId, filter, page);
  if (loaded.state === "busy") return <SlowDown retryAfter={loaded.retryAfter} />;
  if (loaded.state !== "ok") return <AccessRevoked />;
  const shown = loaded.data;
  if (shown.all === 0) {
    return (
      <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700" data-testid="empty-state">
        <h2 className="font-medium">No devices yet</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Add your first device: give it a name, then connect it with a token and a few lines of code.
        </p>
        <Link href="/devices/new" prefetch={false} className={`${BUTTON.primary} mt-4`}>
          Add a device
        </Link>
      </div>
    );
  }
  return (
    <>
      {loaded.stale && <StaleNotice retryAfter={loaded.stale.retryAfter} />}
      <DeviceFilters filter={filter} />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="device-count">
          {showingText(shown, shown.all)}
        </p>
        <LiveUpdates renderedAt={loaded.at} everyMs={env.LIVE_REFRESH_SECONDS * SECOND_MS} />
      </div>
      {shown.total === 0 ? (
        <NoDevicesMatch filter={filter} />
      ) : (
        <>
          <DeviceTiles tiles={shown.data.map((device) => toTile(device, showOwner))} />
          <Pager page={shown.page} pages={shown.pages} href={(n) => deviceListHref(filter, n)} />
        </>
      )}
    </>
  );
}
