// The admin home: the security posture at a glance (tokens expiring soon, idle, holding scopes
// they do not use, and unacknowledged alerts), each count linking to its detail.
import type { Metadata } from "next";
import { narrowTokenAction, revokeUnusedTokenAction } from "@/app/_actions/hygiene";
import { AdviceList } from "@/components/hygiene/advice-list";
import { PostureCards } from "@/components/hygiene/posture-cards";
import { TokenLines } from "@/components/hygiene/token-lines";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { IDLE_DAYS, postureSummary } from "@/lib/monitor/posture";
import { scopesOfRoute } from "@/lib/server/route-scopes";

export const metadata: Metadata = { title: "Admin" };

/** The oldest first; the rest wait until these are dealt with. */
const ADVICE_SHOWN = 50;

const tokens = (n: number) => `token${n === 1 ? "" : "s"}`;

export default async function AdminHome() {
  const admin = await requireAdmin();
  const posture = await postureSummary(admin, scopesOfRoute);
  const { expiring7, expiring30, idle, overPrivileged, openAlerts } = posture;
  const cards = [
    { label: "Expiring within 7 days", count: expiring7.count, href: "#expiring", hint: `Personal and device ${tokens(expiring7.count)}`, warn: expiring7.count > 0 },
    { label: "Expiring within 30 days", count: expiring30.count, href: "#expiring", hint: "Owners get reminders at 30, 7 and 1 days", warn: false },
    { label: "Idle", count: idle.count, href: "#idle", hint: `Unused for over ${IDLE_DAYS} days`, warn: idle.count > 0 },
    { label: "Over-privileged", count: overPrivileged.count, href: "#over-privileged", hint: "Scopes unused in 30 days", warn: overPrivileged.count > 0 },
    { label: "Unacknowledged alerts", count: openAlerts, href: "/admin/alerts", hint: "Anomalies the monitor found", warn: openAlerts > 0 },
  ];
  return (
    <>
      <PageHeader title="Admin" description="Token hygiene across every user: what expires soon, what sits unused, what holds more than it needs." />
      <PostureCards cards={cards} />

      <section id="expiring" aria-labelledby="expiring-heading" className="mb-8 scroll-mt-4">
        <h2 id="expiring-heading" className="mb-3 font-medium">Expiring within 30 days</h2>
        <TokenLines tokens={expiring30.tokens} count={expiring30.count} time="expires" empty="No token expires within 30 days." />
      </section>

      <section id="idle" aria-labelledby="idle-heading" className="mb-8 scroll-mt-4">
        <h2 id="idle-heading" className="mb-1 font-medium">Idle</h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Unused for over {IDLE_DAYS} days. Each role&apos;s policy disables a token left unused for longer.
        </p>
        <TokenLines tokens={idle.tokens} count={idle.count} time="last used" empty={`No token has been unused for over ${IDLE_DAYS} days.`} />
      </section>

      <section id="over-privileged" aria-labelledby="over-privileged-heading" className="mb-8 scroll-mt-4">
        <h2 id="over-privileged-heading" className="mb-1 font-medium">Over-privileged</h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Scopes held but unused in the last 30 days.
          {overPrivileged.tooNew > 0 &&
            ` ${overPrivileged.tooNew} younger ${tokens(overPrivileged.tooNew)} ${overPrivileged.tooNew === 1 ? "is" : "are"} too new to judge.`}
        </p>
        {overPrivileged.advice.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Every token uses the scopes it holds.</p>
        ) : (
          <AdviceList advice={overPrivileged.advice.slice(0, ADVICE_SHOWN)} showOwner narrowAction={narrowTokenAction} revokeAction={revokeUnusedTokenAction} />
        )}
        {overPrivileged.advice.length > ADVICE_SHOWN && (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">and {overPrivileged.advice.length - ADVICE_SHOWN} more</p>
        )}
      </section>
    </>
  );
}
