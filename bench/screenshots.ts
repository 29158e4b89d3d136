// `npx tsx --conditions=react-server bench/screenshots.ts`: regenerates README's screenshots
// (public/screenshots/*.png) from a production build on the demo seed, in Debian's Chromium: the
// dashboard, a device page in the dark theme, adding a device and its connection page, the API docs,
// and the token page on a 390 px phone. Not part of `npm test` or `npm run bench`: run it when the
// pages change, and look at the pictures before committing them.
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_DEVICES } from "@/prisma/seed-data";
import { launchChromium } from "./page-weight";
import { buildOnce, freshDatabase, startServer } from "./server";
import { signIn, type Cookie } from "./sign-in";

const PORT = 3360;
/** The Lighthouse script's build: the same sources and switches, so one build serves both. */
const DIST_DIR = ".next-bench-lighthouse";
const OUT_DIR = path.join("public", "screenshots");
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

type Shot = { file: string; theme: "light" | "dark"; viewport: { width: number; height: number }; who: "admin" | "standard"; take: (page: Page) => Promise<void> };

/** Waits for the page to settle, then holds a live page still so that the picture is of one render. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  const pause = page.getByRole("button", { name: "Pause live updates" });
  if (await pause.count()) await pause.first().click();
  // Fonts and the last transition of a chart.
  await page.waitForTimeout(800);
}

async function open(page: Page, target: string) {
  const response = await page.goto(target);
  if (response?.status() !== 200) throw new Error(`${target} answered ${response?.status()}`);
  await settle(page);
}

const SHOTS: Shot[] = [
  {
    file: "dashboard.png",
    theme: "light",
    viewport: DESKTOP,
    who: "admin",
    take: (page) => open(page, "/"),
  },
  {
    file: "device.png",
    theme: "dark",
    viewport: DESKTOP,
    who: "admin",
    take: (page) => open(page, `/devices/${DEMO_DEVICES[0]!.id}?range=7d`),
  },
  {
    file: "add-device.png",
    theme: "light",
    viewport: DESKTOP,
    who: "standard",
    take: async (page) => {
      await open(page, "/devices/new");
      await page.getByLabel("Name", { exact: true }).fill("Greenhouse sensor");
      await page.getByLabel("Location (optional)").fill("Allotment");
    },
  },
  {
    file: "connect.png",
    theme: "light",
    viewport: DESKTOP,
    who: "standard",
    // The page as a new device first sees it: waiting for its first reading, before a token is issued.
    take: async (page) => {
      await open(page, "/devices/new");
      await page.getByLabel("Name", { exact: true }).fill("Greenhouse sensor");
      await page.getByLabel("Location (optional)").fill("Allotment");
      await page.getByRole("button", { name: "Add device" }).click();
      await page.waitForURL(/\/devices\/[^/]+\/connect$/);
      await settle(page);
    },
  },
  {
    file: "api-docs.png",
    theme: "light",
    viewport: DESKTOP,
    who: "standard",
    take: (page) => open(page, "/docs/api"),
  },
  {
    file: "tokens-phone.png",
    theme: "light",
    viewport: PHONE,
    who: "standard",
    // The dashboard token (made by the first visit) and a personal token for a script, as cards.
    take: async (page) => {
      await open(page, "/");
      await open(page, "/settings/tokens");
      const form = page.getByRole("region", { name: "Create a token" });
      await form.getByLabel("Name", { exact: true }).fill("Backup script");
      await form.getByLabel("devices:read", { exact: true }).check();
      await form.getByRole("button", { name: "Create token" }).click();
      await page.getByRole("dialog").getByRole("button", { name: /close/i }).click();
      await open(page, "/settings/tokens");
      // The list of cards, not the create form above it.
      await page.locator("#tokens-heading").evaluate((heading) => heading.scrollIntoView({ block: "start" }));
    },
  },
];

async function shoot(browser: Browser, base: string, sessions: Record<Shot["who"], Cookie[]>, shot: Shot) {
  const context: BrowserContext = await browser.newContext({ baseURL: base, viewport: shot.viewport, colorScheme: shot.theme, deviceScaleFactor: 1 });
  try {
    await context.addCookies(sessions[shot.who].map((cookie) => ({ ...cookie, url: base })));
    const page = await context.newPage();
    await shot.take(page);
    await page.screenshot({ path: path.join(OUT_DIR, shot.file) });
    console.log(`  ${path.join(OUT_DIR, shot.file)}`);
  } finally {
    await context.close();
  }
}

async function main() {
  const url = await freshDatabase("bench-screenshots");
  const { seed } = await import("@/prisma/seed");
  console.log("seeding the demo (30 days)…");
  const { passwords } = await seed({ url, days: 30 });
  const admin = passwords.find((entry) => entry.role === "ADMIN");
  const standard = passwords.find((entry) => entry.role === "STANDARD");
  if (!admin || !standard) throw new Error("The seed made no admin or Standard password");
  console.log("building…");
  buildOnce(DIST_DIR);
  // The default rate limits: the API docs quote them.
  const server = await startServer(PORT, DIST_DIR);
  try {
    const sessions = { admin: await signIn(server.base, admin.email, admin.password), standard: await signIn(server.base, standard.email, standard.password) };
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const browser = await launchChromium();
    try {
      for (const shot of SHOTS) await shoot(browser, server.base, sessions, shot);
    } finally {
      await browser.close();
    }
  } finally {
    server.stop();
    await server.exited;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
