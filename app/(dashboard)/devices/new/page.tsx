// Add a device: its name, kind and location. Anyone signed in may add one, which they then own;
// the next step is its connection page, where it gets its token.
import type { Metadata } from "next";
import { AddDeviceForm } from "@/components/devices/add-device-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { DEVICE_KINDS } from "@/lib/devices/catalog";
import { addDeviceAction } from "./actions";
import { Breadcrumb } from "@/components/ui/breadcrumb";

export const metadata: Metadata = { title: "Add a device" };

/** The catalogue as plain options: each kind with what it reports. */
const KIND_OPTIONS = Object.entries(DEVICE_KINDS).map(([value, kind]) => ({
  value,
  label: kind.label,
  reports: kind.metrics.map((metric) => `${metric.label} (${metric.unit})`).join(", "),
}));

export default async function AddDevicePage() {
  await requireUser();
  return (
    <>
      <Breadcrumb trail={[{ href: "/", label: "Devices" }]} />
      <PageHeader title="Add a device" description="Name it and say what it is. Next, you get a token for it and the few lines that send its first reading." />
      <section aria-label="New device" className="max-w-xl rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <AddDeviceForm action={addDeviceAction} kinds={KIND_OPTIONS} />
      </section>
    </>
  );
}
