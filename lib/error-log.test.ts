// An unexpected error's log line: its reference, a sanitised first line, and the stack's frames.
import { afterEach, describe, expect, it, vi } from "vitest";
import { logUnexpected, sanitizedMessage } from "./error-log";

const TOKEN = "gth_pat_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("sanitizedMessage", () => {
  it("keeps the first line only, with quoted text and long opaque runs blanked", () => {
    const error = Object.assign(new Error(`Invalid value "${TOKEN}" for 'hash'\nat row 3: ${TOKEN}\nsecret`), { code: "P2002" });
    const message = sanitizedMessage(error);
    expect(message).toBe('Error P2002: Invalid value "…" for \'…\'');
    expect(sanitizedMessage(new Error(`bare ${TOKEN} in the text`))).toBe("Error: bare … in the text");
    expect(sanitizedMessage("a thrown string")).toBe("Error: ");
    expect(sanitizedMessage(null)).toBe("Error: ");
  });
});

describe("logUnexpected", () => {
  it("logs the reference it returns, the sanitised message and the frames, and nothing of the later lines", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = new Error(`first line\nsecond line with ${TOKEN}\nthird "quoted" line`);
    const reference = logUnexpected(`device API error on GET /api/v1/${TOKEN}`, error);
    const text = String(log.mock.calls[0]![0]);
    expect(reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(text).toContain(reference);
    expect(text.split("\n")[0]).toBe(`device API error on GET /api/v1/… ${reference}: Error: first line`);
    expect(text).not.toContain("second line");
    expect(text).not.toContain("quoted");
    expect(text).not.toContain(TOKEN.slice(8));
    expect(text.split("\n").slice(1).every((line) => /^\s+at /.test(line))).toBe(true);
    expect(text.split("\n").length).toBeGreaterThan(1);
  });
});
