// next-auth configuration: email and password, JWT sessions carrying the user's id and role.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { ipFromForwardedFor } from "@/lib/client-ip";
import { env } from "@/lib/env";
import { authenticate } from "./credentials";

function forwardedFor(headers: Record<string, string | string[] | undefined> | undefined): string | undefined {
  const value = headers?.["x-forwarded-for"];
  return Array.isArray(value) ? value.join(",") : value;
}

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
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
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role;
      }
      return session;
    },
  },
};
