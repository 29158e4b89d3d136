import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseFile, resolveDatabaseUrl } from "./sqlite";

describe("resolveDatabaseUrl", () => {
  it("defaults to a file under .data in the working directory", () => {
    expect(resolveDatabaseUrl(undefined, "/srv/app")).toBe("file:/srv/app/.data/gatehouse.db");
    expect(resolveDatabaseUrl("  ", "/srv/app")).toBe("file:/srv/app/.data/gatehouse.db");
  });

  it("resolves a relative file against the working directory, not prisma/", () => {
    expect(resolveDatabaseUrl("file:./custom.db", "/srv/app")).toBe(`file:${path.resolve("/srv/app", "custom.db")}`);
  });

  it("keeps absolute files and other engines as they are", () => {
    expect(resolveDatabaseUrl("file:/var/lib/gh.db", "/srv/app")).toBe("file:/var/lib/gh.db");
    expect(resolveDatabaseUrl("postgresql://db/gatehouse", "/srv/app")).toBe("postgresql://db/gatehouse");
  });

  it("names the file of a file: URL only", () => {
    expect(databaseFile("file:/a/b.db")).toBe("/a/b.db");
    expect(databaseFile("postgresql://db/x")).toBeUndefined();
  });
});
