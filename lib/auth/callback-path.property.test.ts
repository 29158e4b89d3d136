// Properties of the callback check: whatever comes in, what goes out is a path on this site.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackPath, sameOriginPath } from "./callback-path";

const ORIGIN = "http://gatehouse.invalid";

/** The pieces open redirects are made of, joined in any order after an optional scheme or slash. */
const TRICKY = [
  "/", "//", "\\", ".", "..", "./", "../", "%2F", "%2f", "%5C", "%5c", "%25", "%252F", "%2e", "%2E%2E", "%00", "%09",
  "\t", "\n", "\r", " ", "\u00A0", "\u3000", "\uFF0F", "\uFF3C", "\uFF05", "\uFE68", "\u2215", "\u2044",
  "evil.example", "localhost", "@", ":", "?", "#", "&", "=", "login", "devices", "a", "é", "🔑",
];
const PREFIX = ["", "/", "//", "///", "/\\", "\\", "http:", "https:", "http://", "https://evil.example", "HTTP://", "javascript:", " javascript:", "JaVaScRiPt:", "data:", "blob:", "http://localhost:3000"];
const urlish = fc
  .tuple(fc.constantFrom(...PREFIX), fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 3 })), { maxLength: 12 }))
  .map(([prefix, parts]) => prefix + parts.join(""));
const anyInput = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "binary-ascii" }),
  urlish,
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webPath(),
);

/** What a path reads as when some layer percent-decodes it (as far as it decodes). */
function decodings(path: string): string[] {
  const out = [path];
  for (let i = 0; i < 4; i++) {
    try {
      out.push(decodeURIComponent(out.at(-1)!).normalize("NFKC"));
    } catch {
      break;
    }
  }
  return out;
}

function expectOnThisSite(output: string) {
  expect(output.startsWith("/")).toBe(true);
  expect(output.startsWith("//")).toBe(false);
  expect(output.startsWith("/\\")).toBe(false);
  const url = new URL(output, ORIGIN);
  expect(url.origin).toBe(ORIGIN);
  // The browser goes to exactly the string returned, with nothing left for it to normalise.
  expect(url.pathname + url.search).toBe(output);
  for (const decoded of decodings(url.pathname)) {
    expect(decoded.startsWith("//")).toBe(false);
    expect(decoded).not.toMatch(/[\u0000-\u001F\u007F\\]/);
  }
}

describe.each([
  ["safeCallbackPath", safeCallbackPath],
  ["sameOriginPath", sameOriginPath],
] as const)("%s, for any input", (_, check) => {
  it("returns a path on this site that starts with exactly one slash", () => {
    fc.assert(fc.property(anyInput, (input) => expectOnThisSite(check(input))), { numRuns: 1_000 });
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const once = check(input);
        expect(check(once)).toBe(once);
      }),
      { numRuns: 1_000 },
    );
  });

  it("takes the first of several values", () => {
    fc.assert(fc.property(fc.array(anyInput, { minLength: 1, maxLength: 4 }), (values) => check(values) === check(values[0])));
  });
});

describe("safeCallbackPath, for ordinary paths", () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
  const ordinary = fc
    .tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(fc.stringMatching(/^[A-Za-z0-9=&_-]{1,20}$/), { nil: undefined }))
    .map(([segments, query]) => `/${segments.join("/")}${query ? `?${query}` : ""}`)
    .filter((path) => !/^\/login(\/|\?|$)/i.test(path));

  it("keeps them as they are, so that the check is not simply always '/'", () => {
    fc.assert(fc.property(ordinary, (path) => safeCallbackPath(path) === path));
  });

  it("keeps only their path and query when they come as an absolute URL of any host", () => {
    const origin = fc.tuple(fc.constantFrom("http", "https", "HTTPS"), fc.webAuthority({ withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true }));
    fc.assert(fc.property(origin, ordinary, ([scheme, authority], path) => safeCallbackPath(`${scheme}://${authority}${path}`) === path));
  });
});
