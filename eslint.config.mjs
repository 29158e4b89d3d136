import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import layers from "./lib/layers.json" with { type: "json" };

// The layers of lib/ (README "Where things live"): each folder may import the folders that
// lib/layers.json lists for it, lib's own root modules and the generated client, and nothing else,
// so that no two folders depend on each other. Tests may import anything. lib/layering.test.ts
// proves the rule bites.
const FOLDERS = Object.keys(layers);
const TESTS = ["**/*.test.ts", "**/*.test.tsx"];
const folderImport = (folder) => [`@/lib/${folder}`, `@/lib/${folder}/**`];
const relativeImport = (folder) => [`./${folder}`, `./${folder}/**`];
const restricted = (forbidden, message) => ({
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        ...(forbidden.length > 0 ? [{ group: forbidden, message }] : []),
        // Between folders only through "@/lib/…", so that the rule above sees every import.
        { group: ["../*", "../**"], message: "Import another folder of lib/ as @/lib/<folder>/<module>." },
      ],
    },
  ],
});

const layering = [
  ...FOLDERS.map((folder) => ({
    files: [`lib/${folder}/**/*.{ts,tsx}`],
    ignores: TESTS,
    rules: restricted(
      FOLDERS.filter((other) => other !== folder && !layers[folder].includes(other)).flatMap(folderImport),
      `lib/${folder} may import only ${["lib's root modules", ...layers[folder].map((f) => `lib/${f}`)].join(", ")} (lib/layers.json).`,
    ),
  })),
  {
    files: ["lib/*.ts"],
    ignores: TESTS,
    rules: restricted(
      FOLDERS.flatMap((folder) => [...folderImport(folder), ...relativeImport(folder)]),
      "lib's root modules are the bottom layer: they import no folder of lib/.",
    ),
  },
  {
    // Pages, layouts, route handlers, actions and components reach data only through lib's functions.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/lib/db", message: "Pages and components never call Prisma: use a lib/ function that checks the caller." }],
          patterns: [{ group: [...folderImport("testing"), ...folderImport("cli")], message: "Test and command-line scaffolding stays out of the app." }],
        },
      ],
    },
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...layering,
  globalIgnores([".next/**", ".next-*/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".data/**"]),
]);
