// The layers of lib/ hold: no folder imports another that imports it back, every import between
// folders is one lib/layers.json allows, and the lint rule refuses one that is not.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { folderCycles, folderEdges } from "@/lib/cli/import-graph";
import layers from "./layers.json";
import { MINUTE_MS } from "@/lib/time";

const allowed = layers as Record<string, string[]>;

describe("the layers of lib/", () => {
  const edges = folderEdges();

  it("has no cycle among its folders", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const edge = (from: string, to: string) => ({ from, to, file: "", specifier: "" });
    expect(folderCycles([edge("api", "server"), edge("server", "auth"), edge("auth", "api"), edge("api", "devices")])).toEqual([["api", "server", "auth"]]);
  });

  it("imports between folders only as lib/layers.json allows", () => {
    const refused = edges.filter(({ from, to }) => from !== "." && to !== "." && !allowed[from]?.includes(to));
    const fromRoot = edges.filter(({ from }) => from === ".");
    expect([...refused, ...fromRoot].map((e) => `${e.file} imports ${e.specifier}`)).toEqual([]);
  });

  it("lists every folder of lib/ in lib/layers.json", () => {
    const folders = new Set(edges.flatMap(({ from, to }) => [from, to]).filter((f) => f !== "."));
    expect([...folders].filter((folder) => !(folder in allowed))).toEqual([]);
  });
});

describe("the layering lint rule", () => {
  const eslint = new ESLint();
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: file });
    return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
  };

  it("refuses an import that lib/layers.json does not allow, and lets an allowed one through", async () => {
    expect(await lint("lib/tokens/probe.ts", 'import { listDevices } from "@/lib/devices/devices";\nexport const x = listDevices;\n')).toEqual([
      expect.stringContaining("lib/tokens may import only"),
    ]);
    expect(await lint("lib/devices/probe.ts", 'import type { Caller } from "@/lib/access/caller";\nexport type X = Caller;\n')).toEqual([]);
  }, MINUTE_MS);

  it("refuses every import upwards, a relative one across folders, and a folder from lib's root modules", async () => {
    for (const [folder, below] of Object.entries(allowed)) {
      for (const other of Object.keys(allowed).filter((o) => o !== folder && !below.includes(o))) {
        expect(await lint(`lib/${folder}/probe.ts`, `import "@/lib/${other}/x";\n`), `${folder} → ${other}`).toHaveLength(1);
      }
    }
    expect(await lint("lib/tokens/probe.ts", 'import "../devices/devices";\n')).toEqual([expect.stringContaining("@/lib/<folder>/<module>")]);
    expect(await lint("lib/probe.ts", 'import "@/lib/access/caller";\n')).toEqual([expect.stringContaining("root modules")]);
    expect(await lint("lib/probe.ts", 'import "./access/caller";\n')).toEqual([expect.stringContaining("root modules")]);
    expect(await lint("lib/probe.ts", 'import "./time";\nimport "./generated/prisma/client";\n')).toEqual([]);
  }, MINUTE_MS);

  it("keeps Prisma and the test scaffolding out of pages and components", async () => {
    expect(await lint("app/probe.tsx", 'import { db } from "@/lib/db";\nexport const x = db;\n')).toHaveLength(1);
    expect(await lint("components/probe.tsx", 'import { personOf } from "@/lib/testing/callers";\nexport const x = personOf;\n')).toHaveLength(1);
  }, MINUTE_MS);
});
