// A device's connection page: whether it has reported yet (live, until its first reading), a
// device token for it (issued by a button and shown once), and copyable snippets that post a
// reading to the API at the address in use. Another person's device is a 404, as its own page is.
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectStatus } from "@/components/devices/connect-status";
import { ConnectTokenForm } from "@/components/devices/connect-token-form";
import { SnippetBlock } from "@/components/devices/snippet-block";
import { AccessRevoked } from "@/components/layout/access-revoked";
import { SlowDown } from "@/components/layout/slow-down";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { kindLabel } from "@/lib/devices/catalog";
import { connectSnippets, TOKEN_PLACEHOLDER } from "@/lib/devices/connect-snippets";
import { originInUse } from "@/lib/origin";
import { env } from "@/lib/env";
import { loadDevice } from "@/lib/server/dashboard-data";
import { SECOND_MS } from "@/lib/time";
import { issueConnectTokenAction } from "./actions";
import { Breadcrumb } from "@/components/ui/breadcrumb";

type Props = { params: Promise<{ deviceId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const loaded = await loadDevice(user.userId, (await params).deviceId);
  return { title: loaded.state === "ok" ? `Connect ${loaded.data.device.name}` : "Connect a device" };
}

export default async function ConnectDevicePage({ params }: Props) {
  const user = await requireUser();
  const { deviceId } = await params;
  const loaded = await loadDevice(user.userId, deviceId);
  if (loaded.state === "not_found") notFound();
  if (loaded.state === "revoked") return <AccessRevoked />;
  if (loaded.state === "busy") return <SlowDown retryAfter={loaded.retryAfter} />;
  const { device, firstReadingAt } = loaded.data;
  const incoming = await headers();
  const origin = originInUse(incoming.get("host"), env.NEXTAUTH_URL);
  const devicePath = `/devices/${encodeURIComponent(device.id)}`;
  return (
    <>
      <Breadcrumb trail={[{ href: "/", label: "Devices" }, { href: devicePath, label: device.name }]} />
      <PageHeader title={`Connect ${device.name}`} description={`${kindLabel(device.kind)}${device.location ? ` · ${device.location}` : ""}`} />
      <ConnectStatus firstReadingAt={firstReadingAt} renderedAt={loaded.at} everyMs={env.LIVE_REFRESH_SECONDS * SECOND_MS} devicePath={devicePath} enabled={device.enabled} />

      <section aria-labelledby="connect-token" className="mt-6 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="connect-token" className="font-medium">
          1. A token for this device
        </h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          A device token may only push readings for this one device (<code className="font-mono">telemetry:write</code>) and belongs to the device&apos;s
          owner, {device.owner.name}. It is shown once: keep it on the device, for example as <code className="font-mono">GATEHOUSE_TOKEN</code> in its
          environment. Issue another whenever you need one, and revoke old ones in{" "}
          <Link href="/settings/tokens" className="text-sky-700 underline dark:text-sky-400">
            Settings → Tokens
          </Link>
          .
        </p>
        <ConnectTokenForm action={issueConnectTokenAction} deviceId={device.id} />
      </section>

      <section aria-labelledby="connect-snippets" className="mt-6 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="connect-snippets" className="font-medium">
          2. Send a reading
        </h2>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Each of these posts one reading to <code className="font-mono break-all">{`${origin}/api/v1/devices/${device.id}/telemetry`}</code>, with the token
          read from <code className="font-mono">{TOKEN_PLACEHOLDER}</code>. The body is <code className="font-mono">{"{ readings: [...] }"}</code>: up to
          1,000 readings, each a <code className="font-mono">metric</code> (lower-case letters, digits and _), a <code className="font-mono">value</code> and
          a <code className="font-mono">time</code> (ISO 8601 or milliseconds since 1970, at most a year old).
        </p>
        <div className="mt-3 grid gap-4">
          {connectSnippets({ origin, deviceId: device.id, kind: device.kind }).map((snippet) => (
            <SnippetBlock key={snippet.language} snippet={snippet} />
          ))}
        </div>
      </section>
    </>
  );
}
