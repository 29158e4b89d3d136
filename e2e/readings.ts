// E2E fixture: readings stored through the same ingest code the API runs, so that rollups and the
// device's last-seen time are kept as a reporting device leaves them.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { TestUser } from "./fixtures";

type TestReading = { metric: string; unit: string; time: Date; value: number };

export function addReadings(owner: Pick<TestUser, "id" | "role">, deviceId: string, readings: TestReading[]): void {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  execFileSync(tsx, ["--conditions=react-server", "e2e/add-readings.ts"], {
    input: JSON.stringify({ caller: { id: owner.id, role: owner.role }, deviceId, readings: readings.map((r) => ({ ...r, time: r.time.getTime() })) }),
    stdio: ["pipe", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET,
      TOKEN_PEPPER: process.env.E2E_TOKEN_PEPPER,
      TOKEN_ENCRYPTION_KEY: process.env.E2E_TOKEN_ENCRYPTION_KEY,
    },
  });
}
