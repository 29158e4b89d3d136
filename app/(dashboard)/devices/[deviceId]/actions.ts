"use server";
// Rename, enable, disable and delete a device from its page: parsed here, sent through the device
// API with the user's own token, which checks scope and owner again.
import { z } from "zod";
import { formAction } from "@/lib/server/action";
import { deviceClient } from "@/lib/server/device-client";

const deviceId = z.string().min(1).max(64);

const UpdateInput = z.object({
  deviceId,
  name: z.string().trim().min(1, "Enter a name").max(80, "At most 80 characters").optional(),
  enabled: z.enum(["true", "false"]).optional(),
});

const devicePath = (id: string) => `/devices/${encodeURIComponent(id)}`;

export const updateDeviceAction = formAction(
  { input: UpdateInput, revalidate: ({ deviceId }) => [devicePath(deviceId), "/"] },
  async (caller, { deviceId, name, enabled }) => {
    await deviceClient(caller.userId).send("PATCH", devicePath(deviceId), { ...(name === undefined ? {} : { name }), ...(enabled ? { enabled: enabled === "true" } : {}) });
    return { ok: true, message: name !== undefined ? `Renamed to ${name}.` : enabled === "true" ? "Enabled." : "Disabled." };
  },
);

export const deleteDeviceAction = formAction({ input: z.object({ deviceId }), revalidate: () => ["/"], redirectTo: "/" }, async (caller, { deviceId }) => {
  await deviceClient(caller.userId).send("DELETE", devicePath(deviceId));
  return { ok: true };
});
