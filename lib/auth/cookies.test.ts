// Secure, prefixed cookies whenever the public URL is https; next-auth's defaults on plain http.
import { describe, expect, it } from "vitest";
import { cookiePolicy } from "./cookies";

describe("cookiePolicy", () => {
  it("makes every cookie Secure and prefixed under https", () => {
    const policy = cookiePolicy("https://gatehouse.example");
    expect(policy.useSecureCookies).toBe(true);
    const cookies = Object.values(policy.cookies ?? {});
    expect(cookies.map((c) => c.name).sort()).toEqual(["__Host-gatehouse.csrf-token", "__Host-gatehouse.session-token", "__Secure-gatehouse.callback-url"]);
    for (const cookie of cookies) expect(cookie.options).toMatchObject({ secure: true, httpOnly: true, path: "/" });
    // __Host- cookies may name no domain.
    for (const cookie of cookies) expect(cookie.options).not.toHaveProperty("domain");
  });

  it("keeps next-auth's plain cookies on http, which only a loopback or explicitly allowed URL may be", () => {
    expect(cookiePolicy("http://localhost:3000")).toEqual({ useSecureCookies: false });
  });
});
