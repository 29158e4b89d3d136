// next-auth's endpoints: sign-in, sign-out, session and CSRF. A callbackUrl in the query that
// next-auth cannot parse (a 500 of its own) is replaced by the checked path first.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { unparsableCallback } from "@/lib/auth/callback-path";
import { authOptions } from "@/lib/auth/options";

const nextAuth = NextAuth(authOptions);

function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const asked = request.nextUrl.searchParams.get("callbackUrl");
  const path = asked === null ? null : unparsableCallback(asked, request.nextUrl.origin);
  if (path !== null) request.nextUrl.searchParams.set("callbackUrl", path);
  return nextAuth(request, context);
}

export { handler as GET, handler as POST };
