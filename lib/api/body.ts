// Reads a JSON request body under a size limit: the declared length is checked first, then the
// bytes actually read, so a lying or missing Content-Length cannot get past it.
import { ApiProblem } from "./problem";

export const DEFAULT_BODY_LIMIT = 16 * 1024;

export async function readJsonBody(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new ApiProblem("unsupported_media_type", "Send the body as application/json");
  if (!request.body) throw new ApiProblem("invalid_request", "The request has no body");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown;
  try {
    // Decoded UTF-8 holds no lone surrogate; only a \u escape can make one, so only then is every string checked.
    body = SURROGATE_ESCAPE.test(text) ? JSON.parse(text, refuseLoneSurrogates) : JSON.parse(text);
  } catch {
    throw new ApiProblem("invalid_request", "The body is not valid JSON");
  }
  return body;
}

function tooLarge(limit: number) {
  return new ApiProblem("payload_too_large", `The body may be at most ${limit} bytes`);
}

/**
 * JSON may escape half of a surrogate pair ("\ud800") into a string that is not Unicode at all,
 * which the database cannot store: such a body is as invalid as malformed JSON.
 */
function refuseLoneSurrogates(key: string, value: unknown): unknown {
  if (LONE_SURROGATE.test(key) || (typeof value === "string" && LONE_SURROGATE.test(value))) throw new Error("not well-formed Unicode");
  return value;
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
