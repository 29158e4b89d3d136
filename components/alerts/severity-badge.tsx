// An alert's severity as a coloured label.
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = { critical: "red", warning: "amber", info: "zinc" };
const LABELS: Record<string, string> = { critical: "Critical", warning: "Warning", info: "Info" };

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={TONES[severity] ?? "zinc"}>{LABELS[severity] ?? severity}</Badge>;
}
