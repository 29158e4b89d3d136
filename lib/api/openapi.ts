// The OpenAPI 3.1 document, generated from the route table and its zod schemas.
import { z } from "zod";
import { DEFAULT_BODY_LIMIT } from "./body";
import { scopesOf, type Route } from "./route";
import { routes } from "./routes";

type JsonSchema = Record<string, unknown>;

const problemRef = { $ref: "#/components/schemas/Problem" };
const PROBLEMS: Record<string, string> = {
  "400": "The request is not valid",
  "401": "No token, or a malformed, unknown, revoked or expired one",
  "403": "The token lacks the scope",
  "404": "No such resource, or not the caller's",
  "405": "The method is not allowed on this path",
  "413": "The body is too large",
  "415": "The body is not JSON",
  "429": "Rate limited; see Retry-After",
};

const schemas: Record<string, JsonSchema> = {
  Problem: {
    type: "object",
    description: "RFC 9457 problem details",
    properties: {
      type: { type: "string" },
      title: { type: "string" },
      status: { type: "integer" },
      detail: { type: "string" },
      code: { type: "string" },
      instance: { type: "string" },
      errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
    },
    required: ["type", "title", "status", "detail", "code"],
  },
};

/**
 * A schema in the document. Named ones (with .meta({ id })) go to components and are referenced;
 * zod puts nested named schemas under $defs, which are moved to components too.
 */
function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as JsonSchema & { $schema?: string; id?: string; $defs?: Record<string, JsonSchema> };
  const json = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as typeof raw;
  delete json.$schema;
  const defs = json.$defs ?? {};
  delete json.$defs;
  const id = z.globalRegistry.get(schema)?.id;
  // A registered schema that refers to itself (a recursive one) comes back as a $ref to its own
  // definition: the definition is the body, or the component would be a $ref to itself.
  let body: JsonSchema = json;
  if (id && json.$ref === `#/components/schemas/${id}` && defs[id]) {
    body = defs[id];
    delete defs[id];
  }
  for (const [name, def] of Object.entries(defs)) {
    delete def.id;
    schemas[name] ??= def;
  }
  if (!id) return body;
  delete body.id;
  const name = io === "input" && schemas[id] && JSON.stringify(schemas[id]) !== JSON.stringify(body) ? `${id}Input` : id;
  schemas[name] = body;
  return { $ref: `#/components/schemas/${name}` };
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = toSchema(schema, "input") as { properties?: Record<string, JsonSchema & { description?: string }>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

function operation(route: Route) {
  const status = String(route.status ?? 200);
  const responses: Record<string, unknown> = {
    [status]: route.response && status !== "204"
      ? { description: "OK", content: { "application/json": { schema: toSchema(route.response, "output") } } }
      : { description: "No content" },
  };
  for (const [code, description] of Object.entries(PROBLEMS)) {
    if (code === "403" && scopesOf(route).length === 0) continue;
    if ((code === "413" || code === "415") && !route.body) continue;
    responses[code] = { description, ...problemHeaders(code), content: { "application/problem+json": { schema: problemRef } } };
  }
  if (route.conflict) responses["409"] = { description: route.conflict, content: { "application/problem+json": { schema: problemRef } } };
  if (route.audited) {
    const description = "The audit log could not be written, so nothing was changed; try again after Retry-After";
    responses["503"] = { description, ...problemHeaders("503"), content: { "application/problem+json": { schema: problemRef } } };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...needs(route),
    tags: [tagOf(route.path)],
    ...scopeSecurity(route),
    parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
    ...(route.body ? { requestBody: requestBody(route, route.body) } : {}),
    responses,
  };
}

/**
 * The scopes a route needs, in two forms: `security` (OpenAPI 3.1 lets a bearer scheme list the
 * roles it requires) for generic tools, and `x-scopes` for readers such as the in-product docs.
 */
function scopeSecurity(route: Route): { security?: { bearer: string[] }[]; "x-scopes": string[] } {
  const scopes = [...scopesOf(route)];
  return { ...(scopes.length ? { security: [{ bearer: scopes }] } : {}), "x-scopes": scopes };
}

function requestBody(route: Route, body: z.ZodType) {
  const limit = route.bodyLimit ?? DEFAULT_BODY_LIMIT;
  return {
    required: true,
    description: `JSON, at most ${limit / 1024} KiB; a larger body answers 413.`,
    "x-max-bytes": limit,
    content: { "application/json": { schema: toSchema(body, "input") } },
  };
}

/** The headers a problem answer carries beside its body. */
function problemHeaders(code: string): { headers?: Record<string, unknown> } {
  if (code === "429" || code === "503") return { headers: { "Retry-After": { description: "Seconds to wait before trying again", schema: { type: "integer", minimum: 1 } } } };
  if (code === "401") return { headers: { "WWW-Authenticate": { description: 'A Bearer challenge: Bearer realm="gatehouse"', schema: { type: "string" } } } };
  if (code === "405") return { headers: { Allow: { description: "The methods the path allows", schema: { type: "string" } } } };
  return {};
}

/** A route's tag is its path's first segment, so that a new route finds its group without a list to update. */
export function tagOf(path: string): string {
  const segment = path.split("/").find(Boolean) ?? "api";
  return segment.charAt(0).toUpperCase() + segment.slice(1);
}

function needs(route: Route): { description?: string } {
  const scopes = scopesOf(route).map((scope) => `\`${scope}\``);
  return scopes.length ? { description: `Needs the ${scopes.join(" and ")} scope${scopes.length > 1 ? "s" : ""}.` } : {};
}

let document: Record<string, unknown> | undefined;
let documentBytes: Uint8Array<ArrayBuffer> | undefined;

/** The document as UTF-8 JSON, made once: it only changes with the code. */
export function openApiBytes(): Uint8Array<ArrayBuffer> {
  return (documentBytes ??= new TextEncoder().encode(JSON.stringify(openApiDocument())));
}

export function openApiDocument(): Record<string, unknown> {
  if (document) return document;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route);
  }
  document = {
    openapi: "3.1.0",
    info: { title: "Gatehouse device API", version: "1.0.0", description: "Bearer tokens only; errors are RFC 9457 problem+json." },
    servers: [{ url: "/api/v1" }],
    tags: [...new Set(routes.map((route) => tagOf(route.path)))].map((name) => ({ name })),
    security: [{ bearer: [] }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A Gatehouse API token (gth_…)" } } },
  };
  return document;
}
