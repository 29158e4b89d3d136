// Runs a project binary (node_modules/.bin) and fails loudly when it fails.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import path from "node:path";
import { isPostgresUrl } from "@/lib/db-engine";

export function bin(name: string): string {
  return path.join(process.cwd(), "node_modules", ".bin", name);
}

/** Runs to completion; with `quiet`, prints the output only when the command fails. */
export function run(name: string, args: string[], options: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): void {
  const result = spawnSync(bin(name), args, {
    env: options.env ?? process.env,
    stdio: options.quiet ? "pipe" : "inherit",
    encoding: "utf8",
  });
  if (result.status === 0) return;
  if (options.quiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
  throw new Error(`${name} ${args.join(" ")} failed with exit code ${result.status}`);
}

/** Starts a long-running child that ends when this process is told to end. */
export function start(name: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(bin(name), args, { stdio: "inherit", ...options });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => child.kill(signal));
  return child;
}

/** Applies the committed migrations to the database that DATABASE_URL names (lib/cli/migrate.ts for PostgreSQL's). */
export function migrate(env: NodeJS.ProcessEnv = process.env): void {
  if (isPostgresUrl(env.DATABASE_URL ?? "")) run("tsx", [path.join("lib", "cli", "migrate.ts")], { env, quiet: true });
  else run("prisma", ["migrate", "deploy"], { env, quiet: true });
}
