import { describe, expect, it } from "vitest";
import { apiDocs, curlExample, introProblems, problemExample, shellVariable, type DocRoute } from "./docs";
import { constraintsOf, exampleOf, fieldsOf, typeText } from "./docs-schema";
import { openApiDocument } from "./openapi";
import { ApiProblem } from "./problem";
import { scopesOf } from "./route";
import { routes } from "./routes";

const now = new Date("2026-03-04T05:06:07.890Z");
const context = { origin: "https://gatehouse.example:8443", now };
const docs = apiDocs(openApiDocument(), context);
const all = docs.groups.flatMap((group) => group.routes);
const find = (method: string, path: string): DocRoute => all.find((r) => r.method === method && r.path === path)!;

/** The JSON after a blank line: an example's body. */
const bodyOf = (example: string): unknown => JSON.parse(example.slice(example.indexOf("\n\n") + 2));
const dataOf = (curl: string): unknown => JSON.parse(/-d '(.*)'$/s.exec(curl)![1]!.replaceAll("'\\''", "'"));

describe("the API reference made from the OpenAPI document", () => {
  it("shows every route the API serves, once, with its scopes and examples", () => {
    expect(all.map((r) => `${r.method} ${r.path}`).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes) {
      const shown = find(route.method, route.path);
      expect(shown.id).toBe(route.operationId);
      expect(shown.summary).toBe(route.summary);
      expect(shown.scopes, route.operationId).toEqual([...scopesOf(route)]);
      expect(shown.exampleRequest).toContain(`"https://gatehouse.example:8443/api/v1`);
      expect(shown.exampleRequest).toContain('-H "Authorization: Bearer $GATEHOUSE_TOKEN"');
      expect(shown.exampleResponse).toMatch(new RegExp(`^HTTP/1.1 ${route.status ?? 200}`));
    }
  });

  it("groups routes by their path's first segment, in the document's order", () => {
    const segments = [...new Set(routes.map((r) => r.path.split("/")[1]!))];
    expect(docs.groups.map((g) => g.tag)).toEqual(segments.map((s) => s.charAt(0).toUpperCase() + s.slice(1)));
    expect(docs.groups.slice(0, 2).map((g) => g.tag)).toEqual(["Me", "Devices"]);
    expect(docs.groups.find((g) => g.tag === "Devices")!.routes.map((r) => r.id)).toContain("readTelemetry");
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it("gives examples of request bodies and responses that the API's own schemas accept", () => {
    for (const route of routes) {
      const shown = find(route.method, route.path);
      if (route.body) {
        const parsed = route.body.safeParse(dataOf(shown.exampleRequest));
        expect(parsed.success, `${route.operationId}: ${shown.exampleRequest}`).toBe(true);
      } else expect(shown.exampleRequest).not.toContain("-d ");
      if (route.response && route.status !== 204) {
        const parsed = route.response.safeParse(bodyOf(shown.exampleResponse));
        expect(parsed.success, `${route.operationId}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      }
    }
    expect(dataOf(find("POST", "/devices/{deviceId}/telemetry").exampleRequest)).toEqual({
      readings: [{ metric: "temperature", time: "2026-03-04T05:06:00.000Z", value: 21.5 }],
    });
    expect(find("DELETE", "/devices/{deviceId}").exampleResponse).toBe("HTTP/1.1 204 No Content");
  });

  it("lists parameters with types, limits and defaults, and the body's fields", () => {
    const search = find("GET", "/overview/search");
    expect(search.parameters.find((p) => p.name === "status")).toMatchObject({ in: "query", type: "string", required: false, defaultValue: '"all"' });
    expect(search.parameters.find((p) => p.name === "status")!.constraints[0]).toMatch(/^one of: all, online, offline, disabled, alerts$/);
    const limit = find("GET", "/devices").parameters.find((p) => p.name === "limit")!;
    expect(limit).toMatchObject({ type: "integer", defaultValue: "50", description: "Page size, at most 100", constraints: ["at least 1"] });
    const telemetry = find("GET", "/devices/{deviceId}/telemetry");
    expect(telemetry.parameters.find((p) => p.name === "deviceId")).toMatchObject({ in: "path", required: true, constraints: ["1–64 characters"] });
    expect(telemetry.parameters.find((p) => p.name === "bucket")!.constraints).toEqual(["60–604,800"]);
    // A date's full grammar is no help to a reader; its format says it.
    expect(telemetry.parameters.find((p) => p.name === "from")).toMatchObject({ type: "string (date-time)", constraints: [] });

    const ingest = find("POST", "/devices/{deviceId}/telemetry");
    expect(ingest.body?.schemaName).toBe("IngestBody");
    expect(ingest.body?.description).toBe("JSON, at most 256 KiB; a larger body answers 413.");
    expect(ingest.body?.fields.map((f) => f.name)).toEqual(["readings", "readings[].metric", "readings[].time", "readings[].value", "readings[].unit"]);
    expect(ingest.body?.fields[0]).toMatchObject({ type: "object[]", required: true, constraints: ["1–1,000 items"] });
    expect(ingest.body?.fields.find((f) => f.name === "readings[].time")).toMatchObject({ type: "integer | string (date-time)", required: true });
    expect(find("POST", "/devices").body?.description).toBe("JSON, at most 16 KiB; a larger body answers 413.");
  });

  it("describes the success response's fields, nested and nullable ones included", () => {
    const device = find("GET", "/devices/{deviceId}").response;
    expect(device).toMatchObject({ status: "200", schemaName: "Device" });
    expect(device.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["owner", "owner.id", "metrics[].key", "lastSeenAt"]));
    expect(device.fields.find((f) => f.name === "lastSeenAt")!.type).toBe("string (date-time) | null");
    const chain = find("GET", "/audit/verify").response.fields;
    expect(chain.find((f) => f.name === "ok")).toMatchObject({ type: "true | false", required: true });
    expect(chain.find((f) => f.name === "firstBroken")).toMatchObject({ required: false });
    expect(chain.map((f) => f.name)).toContain("firstBroken.reason");
  });

  it("lists each route's problem answers, 429 with Retry-After, and an RFC 9457 example", () => {
    const ingest = find("POST", "/devices/{deviceId}/telemetry");
    expect(ingest.errors.map((e) => e.status)).toEqual(["400", "401", "403", "404", "405", "409", "413", "415", "429"]);
    expect(ingest.errors.find((e) => e.status === "429")).toMatchObject({ title: "Too Many Requests", headers: ["Retry-After"] });
    expect(ingest.errors.find((e) => e.status === "401")).toMatchObject({ title: "Unauthorized", headers: ["WWW-Authenticate"] });
    expect(ingest.errors.find((e) => e.status === "409")!.description).toMatch(/disabled/);
    expect(find("GET", "/me").errors.map((e) => e.status)).not.toContain("403");
    expect(find("PATCH", "/devices/{deviceId}").errors.find((e) => e.status === "503")).toMatchObject({ headers: ["Retry-After"] });

    expect(ingest.exampleError).toMatch(/^HTTP\/1.1 403 Forbidden\nContent-Type: application\/problem\+json\n\n/);
    expect(bodyOf(ingest.exampleError)).toMatchObject({ status: 403, title: "Forbidden", code: "forbidden", detail: "This token lacks the telemetry:write scope", instance: "/api/v1/devices/{deviceId}/telemetry" });
    expect(find("GET", "/me").exampleError).toContain('WWW-Authenticate: Bearer realm="gatehouse"');
  });
});

describe("the OpenAPI document's additions for readers", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const doc = openApiDocument() as any;

  it("names each operation's scopes as x-scopes and as a bearer security requirement, and its tag", () => {
    for (const route of routes) {
      const op = doc.paths[route.path][route.method.toLowerCase()];
      expect(op["x-scopes"], route.operationId).toEqual([...scopesOf(route)]);
      if (scopesOf(route).length) expect(op.security).toEqual([{ bearer: [...scopesOf(route)] }]);
      else expect(op.security).toBeUndefined();
      expect(doc.tags.map((t: { name: string }) => t.name)).toContain(op.tags[0]);
    }
  });

  it("documents Retry-After on 429 and the body's byte limit", () => {
    const ingest = doc.paths["/devices/{deviceId}/telemetry"].post;
    expect(ingest.responses["429"].headers["Retry-After"].schema).toEqual({ type: "integer", minimum: 1 });
    expect(ingest.requestBody["x-max-bytes"]).toBe(256 * 1024);
  });
});

describe("a document with a route the page has never seen", () => {
  const doc = {
    openapi: "3.1.0",
    servers: [{ url: "/api/v2" }],
    paths: {
      "/gateways/{gatewayId}/reboot": {
        post: {
          operationId: "rebootGateway",
          summary: "Reboot a gateway",
          security: [{ bearer: ["gateways:write"] }],
          parameters: [{ name: "gatewayId", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Reboot" } } } },
          responses: { "202": { description: "Queued", content: { "application/json": { schema: { type: "object", properties: { at: { type: "string", format: "date-time" } }, required: ["at"] } } } } },
        },
      },
    },
    components: { schemas: { Reboot: { type: "object", properties: { note: { type: "string", maxLength: 4 }, hard: { type: "boolean" } } } } },
  };

  it("appears with its scope from `security`, its example and an Other group", () => {
    const [group] = apiDocs(doc, { origin: "http://localhost:3000", now }).groups;
    expect(group).toMatchObject({ tag: "Other", id: "group-other" });
    const [route] = group!.routes;
    expect(route).toMatchObject({ id: "rebootGateway", scopes: ["gateways:write"], errors: [] });
    expect(route!.exampleRequest).toBe(
      'curl -X POST "http://localhost:3000/api/v2/gateways/$GATEWAY_ID/reboot" \\\n  -H "Authorization: Bearer $GATEHOUSE_TOKEN" \\\n  -H "Content-Type: application/json" \\\n  -d \'{"note":"text"}\'',
    );
    expect(route!.exampleResponse).toBe('HTTP/1.1 202 Accepted\nContent-Type: application/json\n\n{\n  "at": "2026-03-04T05:06:00.000Z"\n}');
  });
});

describe("the pieces", () => {
  it("makes shell variables of path parameters and quotes a body's apostrophes", () => {
    expect(shellVariable("deviceId")).toBe("$DEVICE_ID");
    expect(shellVariable("id")).toBe("$ID");
    const curl = curlExample({ origin: "http://h", basePath: "/api/v1", method: "PATCH", path: "/x", query: [["q", "a b"]], body: { name: "Ada's" } });
    expect(curl).toContain('curl -X PATCH "http://h/api/v1/x?q=a+b"');
    expect(curl.endsWith(`-d '{"name":"Ada'\\''s"}'`)).toBe(true);
  });

  it("reads types, limits and examples from plain schemas", () => {
    expect(typeText({}, { type: "array", items: { anyOf: [{ type: "number" }, { type: "null" }] } })).toBe("(number | null)[]");
    expect(typeText({}, {})).toBe("any");
    expect(constraintsOf({}, { type: "integer", minimum: -9007199254740991, maximum: 9007199254740991 })).toEqual([]);
    expect(constraintsOf({}, { type: "number", exclusiveMinimum: 0 })).toEqual(["more than 0"]);
    expect(constraintsOf({}, { type: "string", maxLength: 80, pattern: "^[a-z]+$" })).toEqual(["at most 80 characters", "pattern ^[a-z]+$"]);
    expect(exampleOf({}, { type: "integer", exclusiveMinimum: 0 }, { now, request: true })).toBe(1);
    expect(exampleOf({}, { type: "number", minimum: 100, maximum: 200 }, { now, request: true })).toBe(100);
    expect(exampleOf({}, { type: "string", maxLength: 3 }, { now, request: true }, "name")).toBe("Gre");
    expect(fieldsOf({}, { type: "object", properties: { a: { type: "object", properties: { b: { type: "string" } }, required: ["b"] } } })).toEqual([
      { name: "a", type: "object", required: false, constraints: [] },
      { name: "a.b", type: "string", required: true, constraints: [] },
    ]);
  });

  it("introduces errors with a refused query naming its field, and a rate limit with Retry-After", () => {
    const { invalid, rateLimited } = introProblems("/api/v1");
    expect(bodyOf(invalid)).toMatchObject({ status: 400, code: "invalid_request", errors: { limit: [expect.any(String)] }, instance: "/api/v1/devices" });
    expect(rateLimited).toContain("\nRetry-After: 12\n");
  });

  it("builds a problem answer with the API's own headers", () => {
    const text = problemExample(new ApiProblem("rate_limited", "Too many requests; try again in 12 s", { headers: { "retry-after": "12" } }), "/api/v1/devices");
    expect(text.split("\n\n")[0]).toBe("HTTP/1.1 429 Too Many Requests\nContent-Type: application/problem+json\nRetry-After: 12");
    expect(bodyOf(text)).toEqual({ type: "https://gatehouse.invalid/problems/rate-limited", title: "Too Many Requests", status: 429, detail: "Too many requests; try again in 12 s", code: "rate_limited", instance: "/api/v1/devices" });
  });
});
