// The connection page's snippets, run for real (bash with curl, python3, node) against an HTTP
// server in front of the real device API, with a real device token: each must store its reading.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "@/lib/testing/api-server";
import { createDevice, createUser, issueTestToken, testDb } from "@/lib/testing/factories";
import { connectSnippets, sampleReading, TOKEN_PLACEHOLDER, type SnippetLanguage } from "./connect-snippets";

describe("connectSnippets", () => {
  it("reads the token from $GATEHOUSE_TOKEN unless one is given, and names the device's telemetry URL", () => {
    for (const snippet of connectSnippets({ origin: "http://h:1", deviceId: "dev-1", kind: "soil-sensor" })) {
      expect(snippet.code).toContain("http://h:1/api/v1/devices/dev-1/telemetry");
      expect(snippet.code).toContain("moisture");
      expect(snippet.code).toContain("GATEHOUSE_TOKEN");
    }
    const filled = connectSnippets({ origin: "http://h:1", deviceId: "dev-1", kind: "thermostat", token: "gth_dev_x" });
    for (const snippet of filled) {
      expect(snippet.code).toContain("gth_dev_x");
      expect(snippet.code).not.toContain(TOKEN_PLACEHOLDER);
    }
  });

  it("samples the kind's first metric at its usual value, and something sensible for an unknown kind", () => {
    expect(sampleReading("smart-plug")).toEqual({ metric: "power", value: 120 });
    expect(sampleReading("toaster")).toEqual({ metric: "temperature", value: 21 });
  });
});

function has(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Runs a program and answers its output, or the error's text: asynchronously, since the API server is in this process. */
async function output(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    return (await promisify(execFile)(file, args, { env, encoding: "utf8", timeout: 30_000 })).stdout;
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
}

const RUNNERS: Record<SnippetLanguage, { available: boolean; run: (code: string, env: NodeJS.ProcessEnv) => Promise<string> }> = {
  curl: { available: has("bash") && has("curl"), run: (code, env) => output("bash", ["-c", `${code} -s -o /dev/null -w '%{http_code}'`], env) },
  python: { available: has("python3"), run: (code, env) => output("python3", ["-c", code], env) },
  node: { available: true, run: (code, env) => output(process.execPath, ["--input-type=module", "-e", code], env) },
};

describe("each snippet, run", () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApiServer();
  });
  afterAll(() => server.close());

  for (const language of Object.keys(RUNNERS) as SnippetLanguage[]) {
    const runner = RUNNERS[language];
    it.skipIf(!runner.available)(`${language}: stores one reading with the device token, read from the environment and filled in`, async () => {
      const user = await createUser();
      const device = await createDevice(user.id);
      const { token } = await issueTestToken(user.id, { kind: "DEVICE", deviceId: device.id });
      const snippet = (filled?: string) => connectSnippets({ origin: server.url, deviceId: device.id, kind: "thermostat", token: filled }).find((s) => s.language === language)!.code;

      const fromEnv = await runner.run(snippet(), { ...process.env, GATEHOUSE_TOKEN: token });
      expect(fromEnv).toMatch(/^201\b/);
      const stored = await testDb().telemetry.findMany({ where: { metric: { deviceId: device.id } }, select: { value: true, time: true, metric: { select: { key: true } } } });
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ value: 21, metric: { key: "temperature" } });
      expect(Math.abs(stored[0]!.time.getTime() - Date.now())).toBeLessThan(60_000);

      // Filled in (the reveal dialog's version), with no variable set.
      const env = { ...process.env };
      delete env.GATEHOUSE_TOKEN;
      expect(await runner.run(snippet(token), env)).toMatch(/^201\b/);
      // Without the variable: the API refuses it (curl, Node), or Python stops at the missing variable.
      expect(await runner.run(snippet(), env)).toMatch(/^401\b|KeyError: 'GATEHOUSE_TOKEN'/);
    });
  }
});
