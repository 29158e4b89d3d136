// Runs `npm run db:backup` / `db:restore` (lib/cli/backup.ts) as an operator would, on the database
// of `databaseUrl`: its exit status and everything it printed.
import { spawn } from "node:child_process";
import { bin } from "@/lib/cli/run";
import { MINUTE_MS } from "@/lib/time";

export function runBackupCli(command: "backup" | "restore", file: string, databaseUrl: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin("tsx"), ["--conditions=react-server", "lib/cli/backup.ts", command, file], {
      env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_URL: "https://gatehouse.example" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: MINUTE_MS,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (status) => resolve({ status, output }));
  });
}
