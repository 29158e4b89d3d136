// The API reference's view model: the OpenAPI document (openapi.ts) turned into what /docs/api
// shows, route by route, so that a new route appears there without anyone listing it.
import { constraintsOf, exampleOf, fieldsOf, resolve, typeText, type DocField, type JsonSchema } from "./docs-schema";
import { ApiProblem } from "./problem";

export type { DocField } from "./docs-schema";

export type DocParameter = DocField & { in: "path" | "query" };
export type DocError = { status: string; title: string; description: string; headers: string[] };
export type DocBody = { schemaName?: string; description?: string; fields: DocField[] };
export type DocResponse = { status: string; description: string; schemaName?: string; type?: string; fields: DocField[] };

export type DocRoute = {
  /** The anchor: the operationId, which the document keeps unique. */
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  scopes: string[];
  parameters: DocParameter[];
  body?: DocBody;
  response: DocResponse;
  errors: DocError[];
  exampleRequest: string;
  exampleResponse: string;
  exampleError: string;
};

export type DocGroup = { tag: string; id: string; routes: DocRoute[] };
export type ApiDocs = { title: string; version: string; description?: string; basePath: string; groups: DocGroup[] };

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  "x-scopes"?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: { description?: string; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: JsonSchema }> }>;
};

type OpenApi = { info?: { title?: string; version?: string; description?: string }; servers?: { url?: string }[]; paths?: Record<string, Record<string, Operation>> };

const METHODS = ["get", "post", "put", "patch", "delete"];
const REASONS: Record<string, string> = { "200": "OK", "201": "Created", "202": "Accepted", "204": "No Content" };
/** The problem code behind each status, so that a title and an example come from the API's own ApiProblem. */
const PROBLEM_CODES: Record<string, ConstructorParameters<typeof ApiProblem>[0]> = {
  "400": "invalid_request",
  "401": "unauthorized",
  "403": "forbidden",
  "404": "not_found",
  "405": "method_not_allowed",
  "409": "conflict",
  "413": "payload_too_large",
  "415": "unsupported_media_type",
  "429": "rate_limited",
  "500": "internal",
  "503": "unavailable",
};

export type DocsContext = { origin: string; now: Date };

export function apiDocs(document: unknown, context: DocsContext): ApiDocs {
  const doc = document as OpenApi;
  const basePath = doc.servers?.[0]?.url ?? "";
  const groups = new Map<string, DocRoute[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), docRoute(doc, basePath, method.toUpperCase(), path, op, context)]);
    }
  }
  return {
    title: doc.info?.title ?? "API",
    version: doc.info?.version ?? "",
    description: doc.info?.description,
    basePath,
    groups: [...groups].map(([tag, routes]) => ({ tag, id: `group-${slug(tag)}`, routes })),
  };
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

function docRoute(doc: OpenApi, basePath: string, method: string, path: string, op: Operation, context: DocsContext): DocRoute {
  const scopes = op["x-scopes"] ?? op.security?.flatMap((requirement) => Object.values(requirement).flat()) ?? [];
  const parameters: DocParameter[] = (op.parameters ?? [])
    .filter((p): p is typeof p & { in: "path" | "query" } => p.in === "path" || p.in === "query")
    .map((p) => {
      const schema = p.schema ?? {};
      const { schema: resolved } = resolve(doc, schema);
      return {
        name: p.name,
        in: p.in,
        type: typeText(doc, schema),
        required: p.required === true,
        constraints: constraintsOf(doc, schema),
        ...(p.description ? { description: p.description } : {}),
        ...(resolved.default !== undefined ? { defaultValue: JSON.stringify(resolved.default) } : {}),
      };
    });
  const bodySchema = op.requestBody?.content?.["application/json"]?.schema;
  const body = bodySchema
    ? { schemaName: resolve(doc, bodySchema).name, description: op.requestBody?.description, fields: fieldsOf(doc, bodySchema) }
    : undefined;
  const responses = Object.entries(op.responses ?? {});
  const [status, success] = responses.find(([code]) => code.startsWith("2")) ?? ["200", {}];
  const successSchema = success.content?.["application/json"]?.schema;
  const response: DocResponse = {
    status,
    description: success.description ?? REASONS[status] ?? "",
    fields: successSchema ? fieldsOf(doc, successSchema) : [],
    ...(successSchema ? { schemaName: resolve(doc, successSchema).name, type: typeText(doc, successSchema) } : {}),
  };
  const errors = responses
    .filter(([code, answer]) => !code.startsWith("2") && answer.content?.["application/problem+json"])
    .map(([code, answer]) => ({ status: code, title: problemTitle(code), description: answer.description ?? "", headers: Object.keys(answer.headers ?? {}) }));
  const request = { origin: context.origin, basePath, method, path, body: bodySchema ? exampleOf(doc, bodySchema, { now: context.now, request: true }) : undefined };
  const exampleRequest = curlExample({
    ...request,
    query: parameters.filter((p) => p.in === "query" && p.required).map((p) => [p.name, String(exampleOf(doc, schemaOf(op, p.name), { now: context.now, request: true }, p.name))]),
  });
  const exampleResponse = successSchema
    ? httpExample(`${status} ${REASONS[status] ?? ""}`.trim(), { "Content-Type": "application/json" }, exampleOf(doc, successSchema, { now: context.now, request: false }))
    : httpExample(`${status} ${REASONS[status] ?? ""}`.trim(), {}, undefined);
  return {
    id: op.operationId ?? slug(`${method} ${path}`),
    method,
    path,
    summary: op.summary ?? "",
    ...(op.description ? { description: op.description } : {}),
    scopes,
    parameters,
    ...(body ? { body } : {}),
    response,
    errors,
    exampleRequest,
    exampleResponse,
    exampleError: routeProblem(errors, scopes, `${basePath}${path}`),
  };
}

function schemaOf(op: Operation, name: string): JsonSchema {
  return op.parameters?.find((p) => p.name === name)?.schema ?? {};
}

function problemTitle(status: string): string {
  const code = PROBLEM_CODES[status];
  return code ? new ApiProblem(code, "").body().title : `Status ${status}`;
}

/** A path parameter becomes a shell variable, `{deviceId}` → `$DEVICE_ID`, so that the command is ready to paste. */
export function shellVariable(name: string): string {
  return `$${name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

type CurlInput = { origin: string; basePath: string; method: string; path: string; query: [string, string][]; body: unknown };

/** A curl command with the bearer header (never a token in the URL) and the body as JSON. */
export function curlExample({ origin, basePath, method, path, query, body }: CurlInput): string {
  const search = query.length ? `?${new URLSearchParams(query).toString()}` : "";
  const url = `${origin}${basePath}${path.replace(/\{(\w+)\}/g, (_, name: string) => shellVariable(name))}${search}`;
  const lines = [`curl${method === "GET" ? "" : ` -X ${method}`} "${url}"`, `-H "Authorization: Bearer $GATEHOUSE_TOKEN"`];
  if (body !== undefined) lines.push(`-H "Content-Type: application/json"`, `-d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`);
  return lines.join(" \\\n  ");
}

function httpExample(statusLine: string, headers: Record<string, string>, body: unknown): string {
  const head = [`HTTP/1.1 ${statusLine}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)].join("\n");
  return body === undefined ? head : `${head}\n\n${JSON.stringify(body, null, 2)}`;
}

/**
 * The answer a route gives a token without its scope (or, needing none, a missing token), built by
 * the API's own ApiProblem so that the example cannot drift from the real shape.
 */
function routeProblem(errors: DocError[], scopes: string[], instance: string): string {
  const status = errors.some((e) => e.status === "403") && scopes.length ? "403" : "401";
  const problem =
    status === "403"
      ? new ApiProblem("forbidden", `This token lacks the ${scopes[0]} scope`)
      : new ApiProblem("unauthorized", "Send a token in the Authorization header: Bearer <token>");
  return problemExample(problem, instance);
}

/** A problem answer as an HTTP response: its status line, its headers and its RFC 9457 body. */
export function problemExample(problem: ApiProblem, instance?: string): string {
  const body = problem.body(instance);
  const headers = Object.fromEntries(Object.entries(problem.headers()).map(([name, value]) => [headerName(name), value]));
  return httpExample(`${body.status} ${body.title}`, headers, body);
}

const headerName = (name: string) => name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase()).replace(/^Www-/, "WWW-");

/** The introduction's two problem answers: a refused query, naming its field, and a rate limit with Retry-After. */
export function introProblems(basePath: string): { invalid: string; rateLimited: string } {
  const invalid = new ApiProblem("invalid_request", "The query is not valid", { errors: { limit: ["Too small: expected number to be >=1"] } });
  const rateLimited = new ApiProblem("rate_limited", "Too many requests; try again in 12 s", { headers: { "retry-after": "12" } });
  return { invalid: problemExample(invalid, `${basePath}/devices`), rateLimited: problemExample(rateLimited, `${basePath}/devices`) };
}
