// Which database a benchmark runs on: SQLite, or PostgreSQL with `--postgres` (on the server that
// BENCH_POSTGRES_URL or, failing that, TEST_POSTGRES_URL names: `.ci/postgres start` makes one).
export type Engine = "sqlite" | "postgres";

export const ENGINE: Engine = process.argv.includes("--postgres") ? "postgres" : "sqlite";

export const ENGINE_NAME: Record<Engine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/** The server a PostgreSQL benchmark makes its databases on, or undefined when none is configured. */
export function benchPostgresUrl(): string | undefined {
  return process.env.BENCH_POSTGRES_URL || process.env.TEST_POSTGRES_URL || undefined;
}

/** How the benchmark's store is described in its method: "a fresh SQLite file", say. */
export function freshStore(): string {
  return ENGINE === "postgres" ? "a fresh PostgreSQL database on the benchmark's server (BENCH_POSTGRES_URL, else TEST_POSTGRES_URL)" : "a fresh SQLite file";
}
