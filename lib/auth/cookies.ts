// Session cookies: whenever the public URL is https they are Secure and carry the __Host- prefix
// (the session and CSRF cookies: this host only, path /) or __Secure- (the callback URL), decided
// here from the validated environment rather than left to next-auth's own reading of a variable.
import type { NextAuthOptions } from "next-auth";

export function cookiePolicy(publicUrl: string): Pick<NextAuthOptions, "useSecureCookies" | "cookies"> {
  if (new URL(publicUrl).protocol !== "https:") return { useSecureCookies: false };
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: true };
  return {
    useSecureCookies: true,
    cookies: {
      sessionToken: { name: "__Host-gatehouse.session-token", options },
      csrfToken: { name: "__Host-gatehouse.csrf-token", options },
      callbackUrl: { name: "__Secure-gatehouse.callback-url", options },
    },
  };
}
