// The homepage: the caller's devices, read through the device API with their server-held token.
import type { Metadata } from "next";
import { DeviceCard } from "@/components/devices/device-card";
import { AccessRevoked } from "@/components/layout/access-revoked";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { loadDevices } from "@/lib/server/dashboard-data";

export const metadata: Metadata = { title: "Devices" };

export default async function HomePage() {
  const user = await requireUser();
  const isAdmin = user.role === "ADMIN";
  const loaded = await loadDevices(user.id);
  const description = isAdmin ? "Every device in Gatehouse, across all users." : "The devices you own.";
  if (loaded.state !== "ok") {
    return (
      <>
        <PageHeader title="Devices" description={description} />
        <AccessRevoked />
      </>
    );
  }
  const devices = loaded.data;
  const online = devices.filter((device) => device.status === "online").length;
  return (
    <>
      <PageHeader title="Devices" description={description}>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="device-count">
          {devices.length} {devices.length === 1 ? "device" : "devices"} · {online} online
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
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" aria-label="Devices">
          {devices.map((device) => (
            <DeviceCard key={device.id} device={device} showOwner={isAdmin} />
          ))}
        </ul>
      )}
    </>
  );
}
