// One device: charts over a chosen range, its latest readings (also the charts' text alternative),
// details and controls; the 404 page when it is not the caller's. No loading.tsx: the device is
// read before anything streams, so that an unknown one answers with a real 404 status; only the
// charts stream in behind their skeleton.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DeviceCharts } from "@/components/devices/device-charts";
import { DeviceControls } from "@/components/devices/device-controls";
import { LatestReadings } from "@/components/devices/latest-readings";
import { ChartsSkeleton } from "@/components/devices/skeletons";
import { StatusBadge } from "@/components/devices/status-badge";
import { AccessRevoked } from "@/components/layout/access-revoked";
import { SlowDown, StaleNotice } from "@/components/layout/slow-down";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireUser } from "@/lib/auth/session";
import { deviceAlerts } from "@/lib/devices/alerts";
import { kindLabel } from "@/lib/devices/catalog";
import { firstSeenAt } from "@/lib/devices/first-seen";
import { parseChartRange } from "@/lib/devices/chart-range";
import { env } from "@/lib/env";
import { loadDevice } from "@/lib/server/dashboard-data";
import { deleteDeviceAction, updateDeviceAction } from "./actions";
import { SECOND_MS } from "@/lib/time";
import { Breadcrumb } from "@/components/ui/breadcrumb";

type Props = { params: Promise<{ deviceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const user = await requireUser();
  const loaded = await loadDevice(user.userId, (await params).deviceId);
  return { title: loaded.state === "ok" ? loaded.data.device.name : "Device" };
}

export default async function DevicePage({ params, searchParams }: Props) {
  const user = await requireUser();
  const [{ deviceId }, query] = await Promise.all([params, searchParams]);
  const loaded = await loadDevice(user.userId, deviceId);
  if (loaded.state === "not_found") notFound();
  if (loaded.state === "revoked") return <AccessRevoked />;
  if (loaded.state === "busy") return <SlowDown retryAfter={loaded.retryAfter} />;
  const { device, latest, firstReadingAt } = loaded.data;
  const connectPath = `/devices/${encodeURIComponent(device.id)}/connect`;
  const range = parseChartRange(query);
  const alerts = deviceAlerts({ ...device, lastSeenAt: device.lastSeenAt ? new Date(device.lastSeenAt) : null }, latest, loaded.at);
  return (
    <>
      <Breadcrumb trail={[{ href: "/", label: "Devices" }]} />
      <PageHeader title={device.name} description={`${kindLabel(device.kind)}${device.location ? ` · ${device.location}` : ""}`}>
        <StatusBadge status={device.status} />
      </PageHeader>
      {loaded.stale && <StaleNotice retryAfter={loaded.stale.retryAfter} />}
      {!firstReadingAt && (
        <section aria-labelledby="no-readings" className="mb-4 rounded-xl border border-dashed border-zinc-300 p-4 dark:border-zinc-700" data-testid="no-readings">
          <h2 id="no-readings" className="font-medium">
            No readings yet — connect this device
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Give it a device token and send its first reading; its charts fill in from there.</p>
          <Link href={connectPath} className="mt-2 inline-block text-sm font-medium text-sky-700 underline dark:text-sky-400">
            Connect this device
          </Link>
        </section>
      )}
      {alerts.length > 0 && (
        <section aria-labelledby="alerts" className="mb-4 rounded-xl border border-red-300 bg-red-50 p-4 dark:border-red-800 dark:bg-red-950" data-testid="device-alerts">
          <h2 id="alerts" className="font-medium text-red-900 dark:text-red-100">
            {alerts.length} open {alerts.length === 1 ? "alert" : "alerts"}
          </h2>
          <ul className="mt-1 list-disc pl-5 text-sm text-red-900 dark:text-red-200">
            {alerts.map((alert) => (
              <li key={alert.metric ?? "device"}>{alert.message}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="charts" className="mb-6">
        <h2 id="charts" className="sr-only">
          Charts
        </h2>
        {/* No key: a new range keeps the charts on screen (dimmed) until its data arrives. */}
        <Suspense fallback={<ChartsSkeleton count={device.metrics.length} />}>
          <DeviceCharts userId={user.userId} device={device} range={range} liveEveryMs={env.LIVE_REFRESH_SECONDS * SECOND_MS} />
        </Suspense>
      </section>
      <LatestReadings kind={device.kind} latest={latest} />
      <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-3">
        <Detail label="Owner">{device.owner.name}</Detail>
        <Detail label="Last seen">
          <RelativeTime time={device.lastSeenAt} />
          {firstReadingAt && (
            <Link href={connectPath} className="ml-2 text-xs font-normal text-sky-700 underline dark:text-sky-400">
              Connection
            </Link>
          )}
        </Detail>
        <Detail label="Added">
          <RelativeTime time={firstSeenAt(device.createdAt, firstReadingAt)} />
        </Detail>
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
