"use server";
// Acknowledging an alert; lib/monitor/alerts checks again that the caller is an admin.
import { z } from "zod";
import { acknowledgeAlert } from "@/lib/monitor/alerts";
import { formAction } from "@/lib/server/action";

const AcknowledgeInput = z.object({ alertId: z.string().min(1).max(64) });

// The layout too: the navigation shows the count of open alerts.
export const acknowledgeAlertAction = formAction({ input: AcknowledgeInput, admin: true, revalidate: () => ["/admin/alerts", ["/", "layout"]] }, async (caller, { alertId }) => {
  const { changed } = await acknowledgeAlert(caller, alertId);
  return { ok: true, message: changed ? "Acknowledged." : "Someone had already acknowledged it." };
});
