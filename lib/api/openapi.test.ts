import { beforeAll, describe, expect, it } from "vitest";
import { scopesOf } from "./route";
import { routes } from "./routes";
import { MAX_BATCH } from "./schemas";
import { apiClient } from "@/lib/testing/api-client";

const call = apiClient("203.0.113.16");

type Schema = Record<string, unknown> & { $ref?: string; $defs?: Record<string, Schema> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;

/** Follows a JSON pointer ("#/a/b") from the document's root. */
function pointer(ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), doc);
}

/**
 * Resolves a schema's $ref chain. A ref that misses from the document root is also tried inside
 * the schema's own $defs, so that this test reads the request body whichever way it is nested
 * (the strict check of every $ref is the test further down).
 */
function resolve(schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 10; depth++) {
    const ref: string = current.$ref;
    const local = ref.startsWith("#/$defs/") ? current.$defs?.[ref.slice("#/$defs/".length)] : undefined;
    current = (pointer(ref) as Schema | undefined) ?? local ?? current;
    if (current.$ref === ref) break;
  }
  return current;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collectRefs(item, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

beforeAll(async () => {
  const result = await call("GET", "/openapi.json", { token: null, ip: null });
  expect(result.status, result.text).toBe(200);
  expect(result.headers.get("content-type")).toBe("application/json");
  doc = result.body;
});

describe("GET /api/v1/openapi.json", () => {
  it("needs no token and is an OpenAPI 3.1 document", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: "/api/v1" }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearer: [] }]);
  });

  it("lists every route with its method and operationId, and nothing else", () => {
    const documented = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path} ${r.operationId}`).sort());
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
  });

  it("gives each operation a summary, its path parameters and its success response", () => {
    for (const route of routes) {
      const op = doc.paths[route.path][route.method.toLowerCase()];
      expect(op.summary, route.operationId).toBe(route.summary);
      const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const documented = op.parameters.filter((p: { in: string }) => p.in === "path");
      expect(documented.map((p: { name: string }) => p.name)).toEqual(pathParams);
      for (const p of documented) expect(p.required).toBe(true);
      expect(op.responses[String(route.status ?? 200)], route.operationId).toBeDefined();
      if (route.body) expect(op.requestBody.content["application/json"].schema).toBeDefined();
      for (const scope of scopesOf(route)) expect(op.description).toContain(scope);
    }
  });

  it("describes errors with the Problem schema", () => {
    expect(doc.components.schemas.Problem).toMatchObject({
      type: "object",
      properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, code: { type: "string" } },
    });
    expect(doc.components.schemas.Problem.required.sort()).toEqual(["code", "detail", "status", "title", "type"]);
    for (const route of routes) {
      const responses = doc.paths[route.path][route.method.toLowerCase()].responses;
      const problemCodes = ["400", "401", "404", "429", ...(scopesOf(route).length ? ["403"] : []), ...(route.body ? ["413"] : [])];
      for (const code of problemCodes) {
        expect(responses[code]?.content?.["application/problem+json"]?.schema, `${route.operationId} ${code}`).toEqual({ $ref: "#/components/schemas/Problem" });
      }
    }
  });

  it(`caps the telemetry ingest body at ${MAX_BATCH} readings`, () => {
    const ingest = routes.find((r) => r.operationId === "ingestTelemetry")!;
    const body = resolve(doc.paths[ingest.path].post.requestBody.content["application/json"].schema);
    const readings = body.properties as Record<string, Schema>;
    expect(readings.readings).toMatchObject({ type: "array", maxItems: MAX_BATCH, minItems: 1 });
    expect(MAX_BATCH).toBe(1000);
    expect(body.required).toEqual(["readings"]);
  });

  it("documents the list's limit as capped", () => {
    const limit = doc.paths["/devices"].get.parameters.find((p: { name: string }) => p.name === "limit");
    expect(limit).toMatchObject({ in: "query", required: false });
    expect(limit.description).toMatch(/at most 100/);
  });

  // Regression test, once a bug (lib/api/openapi.ts:37): z.toJSONSchema on a schema with .meta({ id }) returns
  // { $ref: "#/$defs/Id", $defs: { Id: ... } }, and that object is stored as the component. In the
  // document "#/$defs/..." points at the document's root, where there is no $defs, so every named
  // schema (Device, DevicePage, IngestBody, ...) is an unresolvable reference to tools such as
  // Swagger UI or openapi-typescript. Generate the components from the registry instead:
  // z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}` }), or hoist each
  // $defs entry into components.schemas and rewrite "#/$defs/" to "#/components/schemas/".
  it("has no $ref that fails to resolve from the document's root", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => pointer(ref) === undefined)).toEqual([]);
  });

  it("gives every named schema a body, never a $ref to itself", () => {
    const components = (doc as { components: { schemas: Record<string, { $ref?: string; type?: unknown; oneOf?: unknown }> } }).components.schemas;
    const bare = Object.entries(components).filter(([, schema]) => schema.$ref !== undefined || (schema.type === undefined && schema.oneOf === undefined));
    expect(bare.map(([name, schema]) => `${name}: ${JSON.stringify(schema).slice(0, 60)}`)).toEqual([]);
  });

  it("documents a 503 on exactly the routes whose change is audited", () => {
    const paths = (doc as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> }).paths;
    const with503 = Object.values(paths).flatMap((ops) => Object.values(ops)).filter((op) => "503" in op.responses).map((op) => op.operationId);
    expect(with503.sort()).toEqual(["createDevice", "deleteDevice", "updateDevice"]);
  });
});
