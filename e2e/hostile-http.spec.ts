// Hostile requests sent as raw HTTP, so that nothing normalises them on the way: malformed
// percent-encoding, a NUL character, methods no route takes, a form imitating a server action without JavaScript,
// Next's internal subrequest header, and a spoofed Host. None may answer 5xx or show a stack; each
// gets the status written beside it, as problem+json under /api and as a page elsewhere.
import http from "node:http";
import { BASE_URL } from "../playwright.config";
import { createDevice, createUser, expect, signInByApi, test } from "./fixtures";

type Sent = { method: string; path: string; headers?: Record<string, string>; body?: string };
type Answer = { status: number; type: string; body: string; location: string };

function send({ method, path, headers = {}, body }: Sent): Promise<Answer> {
  const { hostname, port } = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, method, path, agent: false, headers: { ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8"), location: String(response.headers.location ?? "") }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

const STACK = /\bat \S+ \(|\n\s+at |\.(ts|js):\d+:\d+/;

function expectAnswer(answer: Answer, status: number, label: string) {
  expect(answer.status, `${label}: ${answer.body.slice(0, 200)}`).toBe(status);
  expect(answer.body, label).not.toMatch(STACK);
}

const MALFORMED = ["%", "%E0%A4%A", "%zz", "%C0%AF%", "%ff%", "a%", "%%", "%u0041", "x%2", "%E2%82"];
const PAGES = ["/", "/devices/", "/settings/tokens/", "/admin/users/", "/login/"];

test.describe("malformed percent-encoding", () => {
  for (const bad of MALFORMED) {
    test(`under /api answers 400 problem+json: ${bad}`, async () => {
      for (const prefix of ["/api/v1/devices/", "/api/v1/", "/api/auth/"]) {
        const answer = await send({ method: "GET", path: prefix + bad });
        expectAnswer(answer, 400, prefix + bad);
        expect(answer.type).toBe("application/problem+json");
        expect(JSON.parse(answer.body)).toMatchObject({ status: 400, code: "invalid_request" });
      }
    });
    test(`on pages answers a 400 page: ${bad}`, async () => {
      for (const prefix of PAGES) {
        const answer = await send({ method: "GET", path: prefix + bad });
        expectAnswer(answer, 400, prefix + bad);
        expect(answer.type).toContain("text/html");
        expect(answer.body).toContain("Bad request");
      }
    });
  }
});

test.describe("methods no route takes", () => {
  const API = ["/api/v1/devices", "/api/v1/me", "/api/v1/openapi.json", "/api/auth/session"];
  for (const method of ["TRACE", "PROPFIND", "MKCOL", "LOCK", "COPY"]) {
    test(`${method} under /api answers 405`, async () => {
      for (const path of API) {
        const answer = await send({ method, path });
        expectAnswer(answer, 405, `${method} ${path}`);
        expect(answer.type).toBe("application/problem+json");
      }
    });
  }
  for (const method of ["TRACE", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"]) {
    test(`${method} on a page answers 405`, async () => {
      for (const path of ["/", "/login", "/devices/abc", "/settings/tokens"]) expectAnswer(await send({ method, path }), 405, `${method} ${path}`);
    });
  }
  test("a GET at next-auth's credentials callback answers 405, not next-auth's 500", async () => {
    for (const method of ["GET", "HEAD", "PUT"]) expectAnswer(await send({ method, path: "/api/auth/callback/credentials" }), 405, method);
  });
});

test.describe("a form imitating a server action without JavaScript", () => {
  const forms: [string, string][] = [
    ["an unknown action id", "$ACTION_ID_0000000000000000000000000000000000000000"],
    ["a short action id", "$ACTION_ID_abc"],
    ["a bound action reference", "$ACTION_REF_1"],
  ];
  for (const [label, field] of forms) {
    test(`with ${label} answers 405`, async () => {
      const boundary = "----gatehouse";
      const body = [`--${boundary}`, `Content-Disposition: form-data; name="${field}"`, "", "", `--${boundary}`, 'Content-Disposition: form-data; name="x"', "", "1", `--${boundary}--`, ""].join("\r\n");
      for (const path of ["/", "/login", "/devices/abc", "/settings/tokens"]) {
        expectAnswer(await send({ method: "POST", path, body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } }), 405, `${label} ${path}`);
      }
    });
  }
  test("a plain form post to a page answers 405", async () => {
    for (const path of ["/", "/login", "/settings/tokens"]) {
      expectAnswer(await send({ method: "POST", path, body: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } }), 405, path);
    }
  });
});

test("Next's internal subrequest header gets no one past a page's own sign-in check", async () => {
  for (const value of ["middleware", "proxy", "middleware:middleware:middleware:middleware:middleware", "proxy:proxy:proxy:proxy:proxy", "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware"]) {
    for (const path of ["/", "/settings/tokens", "/admin/users"]) {
      const answer = await send({ method: "GET", path, headers: { "x-middleware-subrequest": value } });
      expect(answer.status, `${value} ${path}`).toBe(307);
      expect(answer.location, `${value} ${path}`).toMatch(/^\/login/);
    }
  }
});

test("a spoofed Host or X-Forwarded-Host never sends anyone to that host", async ({ request }) => {
  const user = await createUser("STANDARD");
  await signInByApi(request, user);
  const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const device = await createDevice(user.id);
  // The pages that write the host in use into their examples (the API reference, a device's
  // connection snippets) too, with hosts that look like one but no URL can hold.
  const spoofs: Record<string, string>[] = [
    { host: "evil.example" },
    { host: "a:99999" },
    { host: "[1.2.3.4]" },
    { "x-forwarded-host": "evil.example" },
    { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
  ];
  for (const headers of spoofs) {
    for (const path of ["/", "/login", "/login?callbackUrl=/devices", "/settings/tokens", "/docs/api", "/devices/new", `/devices/${device.id}/connect`]) {
      for (const signedIn of [false, true]) {
        const answer = await send({ method: "GET", path, headers: { ...headers, ...(signedIn ? { cookie } : {}) } });
        const label = `${JSON.stringify(headers)} ${path} ${signedIn ? "signed in" : "signed out"}`;
        expect(answer.status, label).toBeLessThan(500);
        expect(answer.location, label).not.toContain("evil.example");
        expect(answer.body, label).not.toMatch(STACK);
      }
    }
  }
});

test.describe("a callback URL next-auth cannot parse", () => {
  const BAD = ["javascript:alert(1)", "%", "https://[::1", "http://a b", "data:text/html,x", "\\\\evil.example"];
  for (const value of BAD) {
    test(`in the query or the cookie is never a 500: ${value}`, async () => {
      for (const path of ["/api/auth/signin/credentials", "/api/auth/callback/credentials", "/api/auth/signout", "/api/auth/signin", "/api/auth/session"]) {
        for (const method of ["GET", "POST"]) {
          if (method === "GET" && path.endsWith("/callback/credentials")) continue;
          const inQuery = await send({ method, path: `${path}?callbackUrl=${encodeURIComponent(value)}` });
          const inCookie = await send({ method, path, headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` } });
          for (const [where, answer] of [["query", inQuery], ["cookie", inCookie]] as const) {
            const label = `${method} ${path} ${where}`;
            expect(answer.status, `${label}: ${answer.body.slice(0, 120)}`).toBeLessThan(500);
            expect(answer.body, label).not.toMatch(STACK);
            expect(answer.location, label).not.toMatch(/^(javascript|data):|evil\.example/i);
          }
        }
      }
    });
  }
});

test("a server action from a foreign or opaque origin answers 403, not Next's 500", async () => {
  for (const origin of ["https://evil.example", "null", "http://localhost:1"]) {
    for (const path of ["/", "/settings/tokens", "/login"]) {
      const answer = await send({ method: "POST", path, body: "[]", headers: { "next-action": "0".repeat(40), origin, "content-type": "text/plain;charset=UTF-8" } });
      expectAnswer(answer, 403, `${origin} ${path}`);
    }
  }
});

test("a forged X-Forwarded-For is never a 500", async () => {
  for (const value of ["::::", "999.999.999.999", "x".repeat(5000), "1.2.3.4, , ,", "127.0.0.1, 10.0.0.1, 203.0.113.9"]) {
    for (const path of ["/api/v1/devices", "/api/v1/me", "/login", "/api/auth/session"]) {
      const answer = await send({ method: "GET", path, headers: { "x-forwarded-for": value } });
      expect(answer.status, `${path} ${value.slice(0, 20)}`).toBeLessThan(500);
      expect(answer.body).not.toMatch(STACK);
    }
  }
});

test.describe("a NUL character anywhere in the address", () => {
  // PostgreSQL can neither store nor compare one, so proxy.ts refuses it before any route: the
  // class of fault, not each page's parser, whatever member or segment carries it.
  const API = ["/api/v1/devices/a%00b", "/api/v1/devices?cursor=%00", "/api/v1/audit?actor=x%00y", "/api/v1/devices?q=%00&limit=5", "/api/auth/session?x=%00"];
  const PAGES = ["/?q=%00", "/devices/%00", "/admin/audit?actor=%00", "/admin/usage?range=%00", "/tokens/x%00", "/login?callbackUrl=%2F%00", "/notifications?page=1%00"];
  test("under /api answers 400 problem+json, before any token is read", async () => {
    for (const path of API) {
      const answer = await send({ method: "GET", path, headers: { authorization: "Bearer gth_pat_x" } });
      expectAnswer(answer, 400, path);
      expect(answer.type, path).toBe("application/problem+json");
      expect(JSON.parse(answer.body), path).toMatchObject({ status: 400, code: "invalid_request" });
    }
  });
  test("on pages answers a 400 page, signed in or not", async ({ request }) => {
    await signInByApi(request, await createUser("ADMIN"));
    const cookie = (await request.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    for (const path of PAGES) {
      for (const headers of [{}, { cookie }] as Record<string, string>[]) {
        const answer = await send({ method: "GET", path, headers });
        expectAnswer(answer, 400, path);
        expect(answer.type, path).toContain("text/html");
        expect(answer.body, path).toContain("NUL character");
      }
    }
  });
});
