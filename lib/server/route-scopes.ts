// Which scopes each route of the device API needs, by the name TokenUsage gives it
// ("GET /devices/{deviceId}"), for the least-privilege advisor in lib/monitor, which may not
// import lib/api itself.
import "server-only";
import type { Scope } from "@/lib/access/scopes";
import { scopesOf } from "@/lib/api/route";
import { routes } from "@/lib/api/routes";

const byRoute = new Map(routes.map((route) => [`${route.method} ${route.path}`, scopesOf(route)]));

export function scopesOfRoute(route: string): readonly Scope[] {
  return byRoute.get(route) ?? [];
}
