"use server";
// Adds a device owned by the person adding it (an admin too), through the device API with their
// own token, which checks the devices:write scope again; the page then goes on to connect it.
import { z } from "zod";
import { DEVICE_KINDS } from "@/lib/devices/catalog";
import type { DeviceDto } from "@/lib/devices/devices";
import type { FormState } from "@/lib/form-state";
import { formAction } from "@/lib/server/action";
import { deviceClient } from "@/lib/server/device-client";

/** After a success, the new device's id, for the form to go on to its connection page. */
export type AddDeviceState = FormState & { deviceId?: string };

const AddInput = z.object({
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(80, "At most 80 characters"),
  kind: z.enum(Object.keys(DEVICE_KINDS) as [string, ...string[]], { error: "Choose a kind from the list" }),
  location: z.string().trim().max(80, "At most 80 characters").default(""),
});

export const addDeviceAction = formAction<typeof AddInput, AddDeviceState>({ input: AddInput, revalidate: () => ["/"] }, async (caller, input) => {
  const device = await deviceClient(caller.userId).send<DeviceDto>("POST", "/devices", input);
  return { ok: true, message: `Added “${device.name}”.`, deviceId: device.id };
});
