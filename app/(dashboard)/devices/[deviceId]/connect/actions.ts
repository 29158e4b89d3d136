"use server";
// Issues a device token for one device from its connection page: kind DEVICE, scoped to pushing
// that device's telemetry, owned by the device's owner. A button press, never a page load, so that
// a reload mints nothing; shown once, audited as every issue is (lib/tokens/lifecycle.ts).
import { z } from "zod";
import type { DeviceDto } from "@/lib/devices/devices";
import type { TokenFormState } from "@/lib/form-state";
import { formAction } from "@/lib/server/action";
import { deviceClient } from "@/lib/server/device-client";
import { issueToken } from "@/lib/tokens/lifecycle";

const IssueInput = z.object({ deviceId: z.string().min(1).max(64) });

export const issueConnectTokenAction = formAction<typeof IssueInput, TokenFormState>(
  { input: IssueInput, revalidate: ({ deviceId }) => ["/settings/tokens", `/devices/${encodeURIComponent(deviceId)}/connect`] },
  async (caller, { deviceId }) => {
    // Read through the API first: a device the caller may not see is its 404, as on the page.
    const device = await deviceClient(caller.userId).get<DeviceDto>(`/devices/${encodeURIComponent(deviceId)}`);
    const { token, view } = await issueToken(caller, { kind: "DEVICE", userId: device.owner.id, deviceId: device.id, name: device.name });
    return { ok: true, token, tokenName: view.name, message: `Device token “${view.name}” issued.` };
  },
);
