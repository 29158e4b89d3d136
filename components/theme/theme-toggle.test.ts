// The theme select before hydration: what the server renders.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ThemeToggle } from "./theme-toggle";

describe("ThemeToggle", () => {
  it("is rendered disabled on the server, since a choice made before hydration would change nothing", () => {
    const html = renderToString(createElement(ThemeToggle));
    expect(html).toMatch(/<select[^>]*disabled/);
    expect(html).toContain('value="system" selected');
  });
});
