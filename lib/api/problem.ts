// RFC 9457 problem details: every API error is one of these, never a stack or an internal message.
import type { Refusal, RefusalCode } from "@/lib/refusal";

type ProblemCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "invalid_request"
  | "payload_too_large"
  | "unsupported_media_type"
  | "conflict"
  | "rate_limited"
  | "internal"
  | "unavailable";

const TITLES: Record<ProblemCode, [number, string]> = {
  unauthorized: [401, "Unauthorized"],
  forbidden: [403, "Forbidden"],
  not_found: [404, "Not Found"],
  method_not_allowed: [405, "Method Not Allowed"],
  invalid_request: [400, "Bad Request"],
  payload_too_large: [413, "Content Too Large"],
  unsupported_media_type: [415, "Unsupported Media Type"],
  conflict: [409, "Conflict"],
  rate_limited: [429, "Too Many Requests"],
  internal: [500, "Internal Server Error"],
  unavailable: [503, "Service Unavailable"],
};

export type Problem = { type: string; title: string; status: number; detail: string; code: ProblemCode; errors?: Record<string, string[]> };

export class ApiProblem extends Error {
  override name = "ApiProblem";
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: { errors?: Record<string, string[]>; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }

  get status(): number {
    return TITLES[this.code][0];
  }

  /** The problem's JSON body; `instance` names the requested path. */
  body(instance?: string): Problem & { instance?: string } {
    const [status, title] = TITLES[this.code];
    return {
      type: `https://gatehouse.invalid/problems/${this.code.replaceAll("_", "-")}`,
      title,
      status,
      detail: this.detail,
      code: this.code,
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
      ...(instance ? { instance } : {}),
    };
  }

  /** The response headers: the content type, the problem's own, and a Bearer challenge with a 401. */
  headers(): Record<string, string> {
    const headers: Record<string, string> = { "content-type": "application/problem+json", ...this.extra.headers };
    if (this.status === 401) headers["www-authenticate"] = 'Bearer realm="gatehouse"';
    return headers;
  }

  toResponse(instance?: string): Response {
    const text = JSON.stringify(this.body(instance));
    return new Response(text, { status: this.status, headers: { ...this.headers(), "cache-control": cacheControl(text) } });
  }
}

const REFUSALS: Record<RefusalCode, ProblemCode> = { forbidden: "forbidden", not_found: "not_found", invalid: "invalid_request", conflict: "conflict" };

/** A data function's expected refusal as the problem the API answers with; an invalid field is named in `errors`. */
export function problemOf(refusal: Refusal): ApiProblem {
  const errors = refusal.code === "invalid" && refusal.field ? { [refusal.field]: [refusal.message] } : undefined;
  return new ApiProblem(REFUSALS[refusal.code], refusal.message, errors ? { errors } : {});
}

/** Below this many bytes an answer is not worth compressing: gzip's set-up costs more CPU than the bytes it saves. */
export const COMPRESS_FROM_BYTES = 1024;

/**
 * An answer's Cache-Control: never stored, and a short one not compressed. Next's compression
 * honours no-transform (it drops a route's own Content-Length, which would let its threshold see
 * the size), and no intermediary should recompress such an answer either.
 */
export function cacheControl(text: string): string {
  return Buffer.byteLength(text) < COMPRESS_FROM_BYTES ? "no-store, no-transform" : "no-store";
}
