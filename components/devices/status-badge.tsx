// A device's status as a labelled badge (text, not colour alone).
import { Badge } from "@/components/ui/badge";
import type { DeviceStatus } from "@/lib/devices/status";

const LOOK = { online: ["green", "Online"], offline: ["amber", "Offline"], disabled: ["zinc", "Disabled"] } as const;

export function StatusBadge({ status }: { status: DeviceStatus }) {
  const [tone, label] = LOOK[status];
  return <Badge tone={tone}>{label}</Badge>;
}
