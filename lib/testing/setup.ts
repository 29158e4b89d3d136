// Per-file setup: tests never read the developer's .env.local, only what global setup made.
process.env.NEXT_TELEMETRY_DISABLED = "1";
