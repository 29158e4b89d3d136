// The homepage: the caller's devices and their fleet summary, read through the device API with
// their server-held token; searched, filtered and sorted from the query string.
import type { Metadata } from "next";
import { DeviceCard } from "@/components/devices/device-card";
import { DeviceFilters } from "@/components/devices/device-filters";
import { FleetSummary } from "@/components/devices/fleet-summary";
import { AccessRevoked } from "@/components/layout/access-revoked";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { filterDevices, parseDeviceFilter } from "@/lib/devices/filter";
import { loadDevices, loadFleet } from "@/lib/server/dashboard-data";

export const metadata: Metadata = { title: "Devices" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HomePage({ searchParams }: Props) {
  const user = await requireUser();
  const isAdmin = user.role === "ADMIN";
  const [loaded, fleet, filter] = await Promise.all([loadDevices(user.id), loadFleet(user.id), searchParams.then(parseDeviceFilter)]);
  const description = isAdmin ? "Every device in Gatehouse, across all users." : "The devices you own.";
  if (loaded.state !== "ok" || fleet.state !== "ok") {
    return (
      <>
        <PageHeader title="Devices" description={description} />
        <AccessRevoked />
      </>
    );
  }
  const devices = loaded.data;
  const shown = filterDevices(devices, filter);
  return (
    <>
      <PageHeader title="Devices" description={description}>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="device-count">
          {devices.length} {devices.length === 1 ? "device" : "devices"} · {fleet.data.devices.online} online
        </p>
      </PageHeader>
      {devices.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center dark:border-zinc-700" data-testid="empty-state">
          <h2 className="font-medium">No devices yet</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Devices appear here once an admin assigns one to you or a device registers through the API.
          </p>
        </div>
      ) : (
        <>
          <FleetSummary fleet={fleet.data} />
          <DeviceFilters filter={filter} />
          <p aria-live="polite" className="sr-only">
            {shown.length} of {devices.length} devices shown
          </p>
          {shown.length === 0 ? (
            <p className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm dark:border-zinc-700" data-testid="no-match">
              No devices match this search.
            </p>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" aria-label="Devices">
              {shown.map((device) => (
                <DeviceCard key={device.id} device={device} showOwner={isAdmin} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
