import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TokenListItem } from "@/lib/tokens/listing";
import { endedAt, StatusCell } from "./token-cells";
import { DAY_MS, HOUR_MS } from "@/lib/time";

describe("endedAt", () => {
  const now = Date.UTC(2026, 11, 1);
  it("is the expiry, or the end of a rotation's grace when that came first", () => {
    const expiresAt = new Date(now + 30 * DAY_MS);
    expect(endedAt({ expiresAt, graceEndsAt: null })).toBe(expiresAt);
    expect(endedAt({ expiresAt, graceEndsAt: new Date(now + HOUR_MS) })).toEqual(new Date(now + HOUR_MS));
    expect(endedAt({ expiresAt, graceEndsAt: new Date(now + 31 * DAY_MS) })).toBe(expiresAt);
  });
});

describe("StatusCell", () => {
  it("gives a rotated token in its grace the time it really stops working: its expiry when that comes before the grace ends", () => {
    const expiresAt = new Date(Date.UTC(2026, 11, 3, 12));
    const graceEndsAt = new Date(expiresAt.getTime() + 7 * DAY_MS);
    const token = { status: "grace", expiresAt, graceEndsAt } as unknown as TokenListItem;
    const html = renderToStaticMarkup(createElement(StatusCell, { token }));
    expect(html).toContain(`dateTime="${expiresAt.toISOString()}"`);
    expect(html).not.toContain(graceEndsAt.toISOString());
  });
});
