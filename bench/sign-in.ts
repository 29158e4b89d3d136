// Signs in as a real browser would, through next-auth's CSRF and credentials endpoints, and
// returns the cookies that make up the session.

export type Cookie = { name: string; value: string };

export async function signIn(base: string, email: string, password: string): Promise<Cookie[]> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  // A cookie set again replaces the earlier one of that name, as in a browser.
  const cookies = [...new Map([...jar, ...cookiesOf(response)].map((cookie) => [cookie.name, cookie])).values()];
  if (!cookies.some((cookie) => cookie.name.endsWith("session-token"))) {
    throw new Error(`Signing in as ${email} gave no session (status ${response.status})`);
  }
  return cookies;
}

export function cookieHeader(cookies: Cookie[]): string {
  return cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
}

function cookiesOf(response: Response): Cookie[] {
  return response.headers.getSetCookie().map((line) => {
    const pair = line.split(";", 1)[0]!;
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}
