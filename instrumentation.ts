// Runs once as the server starts: Node.js-only start-up checks live in lib/server/startup.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironmentOrExit } = await import("./lib/server/startup");
    checkEnvironmentOrExit();
  }
}
