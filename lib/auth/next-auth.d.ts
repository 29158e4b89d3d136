// The fields Gatehouse adds to next-auth's session, user and JWT.
import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/generated/prisma/client";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role };
    /** When the person signed in, in milliseconds (lib/auth/session.ts sessionIsCurrent). */
    signedInAt?: number;
  }
  interface User {
    role: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role: Role;
    /** Set at sign-in and kept when next-auth refreshes the token (which renews `iat`). */
    signedInAt?: number;
  }
}
