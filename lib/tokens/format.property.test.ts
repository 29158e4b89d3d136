// Properties of the token format: every issued token parses, every typo is caught, nothing throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateToken, parseToken, PREFIXES, TOKEN_KINDS } from "./format";

const WELL_FORMED = /^gth_(dsh|pat|dev)_[0-9A-Za-z]{36}$/;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A freshly generated token with its kind (random, so a failure prints the token it failed on). */
const issued = fc.constantFrom(...TOKEN_KINDS).map((kind) => ({ kind, token: generateToken(kind) }));
/** Any one character: mostly base62 (the typos a checksum must catch), sometimes anything at all. */
const anyChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BASE62) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);

describe("parseToken, for any token", () => {
  it("accepts every generated token as its own kind", () => {
    fc.assert(fc.property(issued, ({ kind, token }) => parseToken(token) === kind));
  });

  // Each run tries its character at every position of its token.
  it("refuses a token with any one character changed", () => {
    fc.assert(
      fc.property(issued, anyChar, ({ token }, char) => {
        for (let index = 0; index < token.length; index++) {
          if (token[index] === char) continue;
          expect(parseToken(token.slice(0, index) + char + token.slice(index + 1)), `changed at ${index}`).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a token with any one character inserted", () => {
    fc.assert(
      fc.property(issued, anyChar, ({ token }, char) => {
        for (let index = 0; index <= token.length; index++) {
          expect(parseToken(token.slice(0, index) + char + token.slice(index)), `inserted at ${index}`).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a token with any one character deleted", () => {
    fc.assert(
      fc.property(issued, ({ token }) => {
        for (let index = 0; index < token.length; index++) {
          expect(parseToken(token.slice(0, index) + token.slice(index + 1)), `deleted at ${index}`).toBeNull();
        }
      }),
    );
  });

  it("refuses a token moved under another kind's prefix", () => {
    fc.assert(
      fc.property(issued, fc.constantFrom(...TOKEN_KINDS), ({ kind, token }, other) => {
        fc.pre(other !== kind);
        expect(parseToken(PREFIXES[other] + token.slice(PREFIXES[kind].length))).toBeNull();
      }),
    );
  });
});

describe("parseToken, for any string", () => {
  it("never throws, and accepts only a well-formed string as the kind its prefix names", () => {
    const strings = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "binary-ascii", minLength: 40, maxLength: 120 }),
      // The right shape with a random body: accepted only when the checksum happens to match.
      fc.tuple(fc.constantFrom(...TOKEN_KINDS), fc.string({ unit: fc.constantFrom(...BASE62), minLength: 36, maxLength: 36 })).map(([kind, body]) => PREFIXES[kind] + body),
    );
    fc.assert(
      fc.property(strings, (value) => {
        const kind = parseToken(value);
        if (kind === null) return;
        expect(value).toMatch(WELL_FORMED);
        expect(value.startsWith(PREFIXES[kind])).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it("refuses a token with anything before or after it", () => {
    fc.assert(
      fc.property(issued, fc.string({ unit: "binary", minLength: 1 }), fc.boolean(), ({ token }, extra, before) => {
        expect(parseToken(before ? extra + token : token + extra)).toBeNull();
      }),
    );
  });
});
