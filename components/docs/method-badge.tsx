// An HTTP method as a coloured label: reads come in green, changes in amber, deletions in red.
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = { GET: "green", POST: "violet", PUT: "amber", PATCH: "amber", DELETE: "red" };

export function MethodBadge({ method }: { method: string }) {
  return (
    <span className="font-mono">
      <Badge tone={TONES[method] ?? "zinc"}>{method}</Badge>
    </span>
  );
}
