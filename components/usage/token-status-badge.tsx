// A token's status in words and colour, for the token's usage page.
import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATUS: Record<"active" | "grace" | "expired" | "revoked", [BadgeTone, string]> = {
  active: ["green", "Active"],
  grace: ["amber", "Grace"],
  expired: ["zinc", "Expired"],
  revoked: ["red", "Revoked"],
};

export function TokenStatusBadge({ status }: { status: keyof typeof STATUS }) {
  const [tone, label] = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
