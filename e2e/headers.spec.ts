// Every page carries a Content-Security-Policy with a fresh nonce, its own scripts carry that nonce,
// and no page breaks it: nothing the browser refuses, nothing that stops the pages working.
import { createDevice, createUser, expect, signInByApi, signedInAs, test } from "./fixtures";
import { MINUTE_MS } from "@/lib/time";

const DIRECTIVES = ["'strict-dynamic'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"];

function nonceOf(policy: string | undefined): string {
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce!;
}

test("a page's policy has a fresh nonce, on its scripts, and the required directives", async ({ request }) => {
  const user = await createUser("STANDARD");
  await signInByApi(request, user);
  const nonces = new Set<string>();
  for (const path of ["/login", "/", "/settings/tokens", "/", "/login"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const policy = response.headers()["content-security-policy"];
    for (const directive of DIRECTIVES) expect(policy, path).toContain(directive);
    const nonce = nonceOf(policy);
    nonces.add(nonce);
    const html = await response.text();
    if (response.status() === 200) {
      expect(html, path).toContain(`nonce="${nonce}"`);
      // Every script tag in the document carries it.
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    // Plain http here: no HSTS (lib/security-headers.ts sends it only under https).
    expect(response.headers()["strict-transport-security"], path).toBeUndefined();
  }
  expect(nonces.size).toBe(5);
});

test("no page breaks its policy, signed out, as a person and as an admin", async ({ browser }) => {
  // Six pages in three fresh contexts, each until its network is idle: 24 s alone on a 2-core machine.
  test.setTimeout(1.5 * MINUTE_MS);
  const visit = async (paths: string[], signIn?: "STANDARD" | "ADMIN") => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
    let device: string | undefined;
    if (signIn) {
      const user = await signedInAs(page, signIn);
      device = (await createDevice(user.id, "Policy check")).id;
    }
    for (const path of paths) {
      await page.goto(path.replace("{device}", device ?? ""));
      await page.waitForLoadState("networkidle");
      // Hydrated: the theme select, a client component enabled once hydrated, switches the theme.
      const theme = (await page.locator("html").getAttribute("class"))?.includes("dark") ? "light" : "dark";
      await page.getByTestId("theme-select").first().selectOption(theme);
      await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${theme}\\b`));
    }
    await context.close();
    expect(violations, `${signIn ?? "signed out"}: ${paths.join(", ")}`).toEqual([]);
  };
  await visit(["/login"]);
  await visit(["/", "/devices/{device}", "/settings/tokens"], "STANDARD");
  await visit(["/", "/admin/users"], "ADMIN");
});

test("a short API answer goes uncompressed, and a long one gzipped", async ({ request }) => {
  const gzip = { "accept-encoding": "gzip" };
  // A problem (no token), under 1 kB: gzip would cost the server more than the bytes it saves.
  const problem = await request.get("/api/v1/me", { headers: gzip });
  expect(problem.status()).toBe(401);
  expect(problem.headers()["cache-control"]).toBe("no-store, no-transform");
  expect(problem.headers()["content-encoding"]).toBeUndefined();
  const spec = await request.get("/api/v1/openapi.json", { headers: gzip });
  expect(spec.status()).toBe(200);
  expect(spec.headers()["content-encoding"]).toBe("gzip");
});
