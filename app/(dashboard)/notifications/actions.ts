"use server";
// Mark every notification of the signed-in person read; lib/monitor touches only their own.
import { z } from "zod";
import { markAllRead } from "@/lib/monitor/notifications";
import { formAction } from "@/lib/server/action";

export const markAllReadAction = formAction({ input: z.object({}), revalidate: () => [["/", "layout"]] }, async (caller) => {
  const count = await markAllRead(caller);
  return { ok: true, message: count === 0 ? "Nothing was unread." : `Marked ${count} read.` };
});
