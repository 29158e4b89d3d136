// next-auth's endpoints: sign-in, sign-out, session and CSRF. A callbackUrl in the query that
// next-auth cannot parse (a 500 of its own) is replaced by the checked path first. The request's
// address and user agent go to the audit records that sign-in and sign-out write.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { withRequestContext } from "@/lib/audit/context";
import { unparsableCallback } from "@/lib/auth/callback-path";
import { authOptions } from "@/lib/auth/options";
import { ipFromForwardedFor } from "@/lib/client-ip";

const nextAuth = NextAuth(authOptions);

function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const asked = request.nextUrl.searchParams.get("callbackUrl");
  const path = asked === null ? null : unparsableCallback(asked, request.nextUrl.origin);
  if (path !== null) request.nextUrl.searchParams.set("callbackUrl", path);
  const ip = ipFromForwardedFor(request.headers.get("x-forwarded-for"));
  return withRequestContext({ ip, userAgent: request.headers.get("user-agent") }, () => nextAuth(request, context));
}

export { handler as GET, handler as POST };
