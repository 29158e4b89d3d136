// One device: details and latest readings, or the 404 page when it is not the caller's.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeviceControls } from "@/components/devices/device-controls";
import { StatusBadge } from "@/components/devices/status-badge";
import { AccessRevoked } from "@/components/layout/access-revoked";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireUser } from "@/lib/auth/session";
import { kindLabel, metricLabel } from "@/lib/devices/catalog";
import { loadDevice } from "@/lib/server/dashboard-data";
import { deleteDeviceAction, updateDeviceAction } from "./actions";

type Props = { params: Promise<{ deviceId: string }> };

export const metadata: Metadata = { title: "Device" };

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

export default async function DevicePage({ params }: Props) {
  const user = await requireUser();
  const { deviceId } = await params;
  const loaded = await loadDevice(user.id, deviceId);
  if (loaded.state === "not_found") notFound();
  if (loaded.state === "revoked") return <AccessRevoked />;
  const { device, latest } = loaded.data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/" className="text-sky-700 hover:underline dark:text-sky-400">
          Devices
        </Link>
      </nav>
      <PageHeader title={device.name} description={`${kindLabel(device.kind)}${device.location ? ` · ${device.location}` : ""}`}>
        <StatusBadge status={device.status} />
      </PageHeader>
      <section aria-labelledby="latest" className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="latest" className="mb-3 font-medium">
          Latest readings
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-1 font-medium">Metric</th>
              <th scope="col" className="py-1 font-medium">Value</th>
              <th scope="col" className="py-1 font-medium">When</th>
            </tr>
          </thead>
          <tbody>
            {latest.map((metric) => (
              <tr key={metric.key} className="border-t border-zinc-100 dark:border-zinc-800">
                <th scope="row" className="py-2 font-normal">{metricLabel(device.kind, metric.key)}</th>
                <td className="py-2 tabular-nums">{metric.value === null ? "—" : `${number.format(metric.value)} ${metric.unit}`}</td>
                <td className="py-2"><RelativeTime time={metric.time} fallback="no readings" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-3">
        <Detail label="Owner">{device.owner.name}</Detail>
        <Detail label="Last seen"><RelativeTime time={device.lastSeenAt} /></Detail>
        <Detail label="Added"><RelativeTime time={device.createdAt} /></Detail>
      </dl>
      <DeviceControls device={{ id: device.id, name: device.name, enabled: device.enabled }} update={updateDeviceAction} remove={deleteDeviceAction} />
    </>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 font-medium">{children}</dd>
    </div>
  );
}
