"use server";
// Rename, enable, disable and delete a device from its page: parsed here, sent through the device
// API with the user's own token, which checks scope and owner again.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { invalidInput, type FormState } from "@/lib/auth/form-state";
import { requireUser } from "@/lib/auth/session";
import { apiRefusal } from "@/lib/server/api-refusal";
import { deviceClient } from "@/lib/server/device-client";

const deviceId = z.string().min(1).max(64);

const updateSchema = z.object({
  deviceId,
  name: z.string().trim().min(1, "Enter a name").max(80, "At most 80 characters").optional(),
  enabled: z.enum(["true", "false"]).optional(),
});

export async function updateDeviceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = updateSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  const { name, enabled } = parsed.data;
  const path = `/devices/${encodeURIComponent(parsed.data.deviceId)}`;
  try {
    await deviceClient(user.id).send("PATCH", path, { ...(name === undefined ? {} : { name }), ...(enabled ? { enabled: enabled === "true" } : {}) });
  } catch (error) {
    return apiRefusal(error);
  }
  revalidatePath(path);
  revalidatePath("/");
  return { ok: true, message: name !== undefined ? `Renamed to ${name}.` : enabled === "true" ? "Enabled." : "Disabled." };
}

export async function deleteDeviceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await requireUser();
  const parsed = z.object({ deviceId }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await deviceClient(user.id).send("DELETE", `/devices/${encodeURIComponent(parsed.data.deviceId)}`);
  } catch (error) {
    return apiRefusal(error);
  }
  revalidatePath("/");
  redirect("/");
}
