// What a device's connection page shows: the address of the API in use, and short programs (curl,
// Python, Node) that post one reading to POST /devices/{id}/telemetry in the body IngestBody takes.
import { DEVICE_KINDS, type DeviceKind } from "./catalog";

/** The shell variable the snippets read the token from, unless it was just revealed. */
export const TOKEN_PLACEHOLDER = "$GATEHOUSE_TOKEN";

export type SnippetLanguage = "curl" | "python" | "node";
export type Snippet = { language: SnippetLanguage; label: string; code: string };

type SnippetInput = { origin: string; deviceId: string; kind: string; token?: string };

/** One reading of the kind's first metric at a typical value: what a device of that kind sends. */
export function sampleReading(kind: string): { metric: string; value: number } {
  const metric = DEVICE_KINDS[kind as DeviceKind]?.metrics[0];
  return metric ? { metric: metric.key, value: metric.signal.base } : { metric: "temperature", value: 21 };
}

export function telemetryUrl(origin: string, deviceId: string): string {
  return `${origin}/api/v1/devices/${encodeURIComponent(deviceId)}/telemetry`;
}

/** The three snippets, with the token filled in when given (only in the reveal-once dialog). */
export function connectSnippets({ origin, deviceId, kind, token }: SnippetInput): Snippet[] {
  const url = telemetryUrl(origin, deviceId);
  const { metric, value } = sampleReading(kind);
  return [
    { language: "curl", label: "curl", code: curlSnippet(url, metric, value, token) },
    { language: "python", label: "Python", code: pythonSnippet(url, metric, value, token) },
    { language: "node", label: "Node.js", code: nodeSnippet(url, metric, value, token) },
  ];
}

function curlSnippet(url: string, metric: string, value: number, token?: string): string {
  // The time is the shell's now, in UTC: `date -u +%Y-%m-%dT%H:%M:%SZ` works with GNU and BSD date.
  const body = `{"readings":[{"metric":"${metric}","value":${value},"time":"'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'"}]}`;
  return [
    `curl -X POST '${url}' \\`,
    `  -H "Authorization: Bearer ${token ?? TOKEN_PLACEHOLDER}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body}'`,
  ].join("\n");
}

function pythonSnippet(url: string, metric: string, value: number, token?: string): string {
  const tokenLine = token ? `TOKEN = "${token}"` : `TOKEN = os.environ["GATEHOUSE_TOKEN"]`;
  return [
    "import json, os, time, urllib.request",
    "",
    tokenLine,
    `reading = {"metric": "${metric}", "value": ${value}, "time": int(time.time() * 1000)}`,
    "request = urllib.request.Request(",
    `    "${url}",`,
    `    data=json.dumps({"readings": [reading]}).encode(),`,
    `    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},`,
    `    method="POST",`,
    ")",
    "with urllib.request.urlopen(request) as response:",
    "    print(response.status, response.read().decode())",
  ].join("\n");
}

function nodeSnippet(url: string, metric: string, value: number, token?: string): string {
  const tokenLine = token ? `const token = "${token}";` : "const token = process.env.GATEHOUSE_TOKEN;";
  return [
    "// Node 18 or later: save as report.mjs and run `node report.mjs`.",
    tokenLine,
    `const response = await fetch("${url}", {`,
    `  method: "POST",`,
    "  headers: { Authorization: `Bearer ${token}`, \"Content-Type\": \"application/json\" },",
    `  body: JSON.stringify({ readings: [{ metric: "${metric}", value: ${value}, time: Date.now() }] }),`,
    "});",
    "console.log(response.status, await response.text());",
  ].join("\n");
}
