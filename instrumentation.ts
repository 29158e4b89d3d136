// Runs once as the server starts: Node.js-only start-up checks live in lib/server/startup.ts, the
// HTTP server's answer to TRACE, which Next itself cannot give, in lib/server/trace-guard.ts, and
// the background jobs (counters' flushes, the monitor, token hygiene) in lib/server/jobs.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("./lib/server/startup");
    checkEnvironmentOrExit();
    const { refuseTrace } = await import("./lib/server/trace-guard");
    refuseTrace();
    const { startJobs } = await import("./lib/server/jobs");
    startJobs();
  }
}
