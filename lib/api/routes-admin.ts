// The admin routes: users (users:admin) and tokens (tokens:admin). The data functions check the
// scope and the admin role again, for their other callers.
import "server-only";
import { listUsersPage } from "@/lib/auth/users";
import { listAllTokens } from "@/lib/tokens/queries";
import { route, type Route } from "./route";
import * as s from "./schemas-admin";

export const adminRoutes: Route[] = [
  route({
    method: "GET",
    path: "/users",
    operationId: "listUsers",
    summary: "Every user, a page at a time (admins; never a password hash)",
    scope: "users:admin",
    query: s.UserPageQuery,
    response: s.AdminUserPage,
    handle: ({ caller, query }) => listUsersPage(caller, query),
  }),
  route({
    method: "GET",
    path: "/tokens",
    operationId: "listTokens",
    summary: "Every user's tokens, a page at a time, by owner, kind or status (admins; never a hash or a secret)",
    scope: "tokens:admin",
    query: s.TokenPageQuery,
    response: s.AdminTokenPage,
    handle: ({ caller, query }) => listAllTokens(caller, query),
  }),
];
