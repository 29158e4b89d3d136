// next-auth configuration: email and password, JWT sessions carrying the user's id and role.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { ipFromForwardedFor } from "@/lib/client-ip";
import { env } from "@/lib/env";
import { nextAuthRedirect } from "./callback-path";
import { cookiePolicy } from "./cookies";
import { authenticate } from "./credentials";
import { recordSignOut } from "./sign-in-events";
import { endSessionsAtSignOut } from "./users";

function forwardedFor(headers: Record<string, string | string[] | undefined> | undefined): string | undefined {
  const value = headers?.["x-forwarded-for"];
  return Array.isArray(value) ? value.join(",") : value;
}

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  ...cookiePolicy(env.NEXTAUTH_URL),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials, request) => authenticate(credentials, ipFromForwardedFor(forwardedFor(request?.headers))),
    }),
  ],
  callbacks: {
    // next-auth's own redirects (callbackUrl after sign-in or sign-out) pass the same check as /login's.
    // They stay absolute, on NEXTAUTH_URL's origin: next-auth's signIn() parses the URL it gets back.
    // The sign-out button goes to a relative /login itself, so that it stays on the host in use.
    redirect: nextAuthRedirect,
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        // Not `iat`: next-auth renews that whenever it refreshes the cookie, so a copied cookie
        // could be refreshed past a sign-out. Milliseconds, so that a sign-in just after a
        // sign-out is told apart from the session that signed out.
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role;
        session.signedInAt = token.signedInAt;
      }
      return session;
    },
  },
  events: {
    // Ends every session of the user, copies of this cookie included (lib/auth/session.ts). Sent
    // from the sign-out POST, which needs next-auth's CSRF token.
    async signOut({ token }) {
      if (token.sub && (await endSessionsAtSignOut(token.sub, token.signedInAt))) await recordSignOut(token.sub, null);
    },
  },
};
