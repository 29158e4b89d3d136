// What a page costs a browser to load: each script it fetches, in bytes on the wire, as Chromium
// saw them, in a fresh context (nothing cached) that carries the given session.
import { chromium, type Browser, type Request } from "@playwright/test";
import playwrightConfig from "../playwright.config";
import type { Cookie } from "./sign-in";
import { SECOND_MS } from "@/lib/time";

export type Transfer = {
  /** The URL's path. */
  path: string;
  /** The response's Content-Encoding, or "identity" when it came uncompressed. */
  encoding: string;
  /** Bytes on the wire: the encoded body and the response headers. */
  transferred: number;
  /** The body's size once decoded. */
  decoded: number;
  /** Whether the code holds Recharts (its wrapper's class name). */
  recharts: boolean;
};

export type PageWeight = { path: string; document: Transfer; scripts: Transfer[]; idle: boolean };

/** Debian's Chromium with the e2e suite's launch options (no downloads, no outside network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(playwrightConfig.use?.launchOptions);
}

export async function measurePage(browser: Browser, base: string, cookies: Cookie[], path: string): Promise<PageWeight> {
  const context = await browser.newContext({ baseURL: base });
  try {
    await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: base })));
    const page = await context.newPage();
    const scripts: Promise<Transfer>[] = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() !== "script") return;
      const measured = transfer(request);
      measured.catch(() => {}); // reported by Promise.all below, not as an unhandled rejection now
      scripts.push(measured);
    });
    const response = await page.goto(path, { waitUntil: "load" });
    if (response?.status() !== 200 || new URL(page.url()).pathname !== path) {
      throw new Error(`${path} answered ${response?.status()} at ${page.url()}: not the signed-in page`);
    }
    // Live updates may hold a connection open for good; then the scripts fetched by then are counted.
    const idle = await page.waitForLoadState("networkidle", { timeout: 15 * SECOND_MS }).then(
      () => true,
      () => false,
    );
    return { path, document: await transfer(response.request()), scripts: await Promise.all(scripts), idle };
  } finally {
    await context.close();
  }
}

async function transfer(request: Request): Promise<Transfer> {
  const response = await request.response();
  if (!response) throw new Error(`No response to ${request.url()}`);
  const [sizes, body] = await Promise.all([request.sizes(), response.body()]);
  return {
    path: new URL(request.url()).pathname,
    encoding: response.headers()["content-encoding"] ?? "identity",
    transferred: sizes.responseBodySize + sizes.responseHeadersSize,
    decoded: body.length,
    recharts: body.includes("recharts-wrapper"),
  };
}

export const total = (transfers: Transfer[], key: "transferred" | "decoded" = "transferred") =>
  transfers.reduce((sum, t) => sum + t[key], 0);
