// The admin routes: users (users:admin) and tokens (tokens:admin).
import "server-only";
import type { Route } from "./route";

export const adminRoutes: Route[] = [];
