// A production server without its secrets refuses to start, and says which and how to make them.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "./fixtures";

test("next start without secrets stops with a message naming each one", async () => {
  const next = path.join(process.cwd(), "node_modules", ".bin", "next");
  const child = spawn(next, ["start", "-p", "3199"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
      // Empty values are not filled in from a developer's .env.local, and count as missing.
      NEXTAUTH_SECRET: "",
      TOKEN_PEPPER: "",
      TOKEN_ENCRYPTION_KEY: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 45_000);
    child.on("exit", (status) => {
      clearTimeout(timer);
      resolve(status);
    });
  });
  expect(code, output).toBe(1);
  for (const name of ["NEXTAUTH_SECRET", "TOKEN_PEPPER", "TOKEN_ENCRYPTION_KEY"]) {
    expect(output).toContain(`${name} is missing`);
  }
  expect(output).toContain("openssl rand -base64 32");
});
