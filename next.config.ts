import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The e2e suite builds into its own folder so that it never disturbs a running demo.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Always inlined, so the canary is decided at build time: only the e2e suite's canary build
  // (GATEHOUSE_BUILD_LEAK_CANARY=1) has it, and no environment at run time can switch it on.
  env: { GATEHOUSE_LEAK_CANARY: process.env.GATEHOUSE_BUILD_LEAK_CANARY === "1" ? "1" : "0" },
  // Likewise the benchmark's bare routes and page (app/api/bench/**/route.bench.ts,
  // app/bench/**/page.bench.tsx): only in the build that `npm run bench` makes
  // (GATEHOUSE_BUILD_BENCH=1); in every other build they are no route.
  pageExtensions: ["tsx", "ts", "jsx", "js", ...(process.env.GATEHOUSE_BUILD_BENCH === "1" ? ["bench.ts", "bench.tsx"] : [])],
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
      // A one-time link's secret is in its URL: no Referer may carry it, not even to this site.
      // Listed last, so that it overrides the rule above (Next: the last header key wins).
      { source: "/set-password/:secret*", headers: [{ key: "Referrer-Policy", value: "no-referrer" }] },
    ];
  },
};

export default nextConfig;
