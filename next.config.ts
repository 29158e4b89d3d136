import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The e2e suite builds into its own folder so that it never disturbs a running demo.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Only the e2e suite's leak-canary build sets this; it is inlined, so other builds drop the canary.
  env: process.env.GATEHOUSE_LEAK_CANARY === "1" ? { GATEHOUSE_LEAK_CANARY: "1" } : {},
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
