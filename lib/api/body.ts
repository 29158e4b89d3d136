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
    // Decoded UTF-8 holds no lone surrogate and JSON no raw NUL; only a \u escape can make either,
    // so only then is every string checked.
    body = UNSTORABLE_ESCAPE.test(text) ? JSON.parse(text, refuseUnstorable) : JSON.parse(text);
  } catch (error) {
    if (error instanceof ApiProblem) throw error;
    throw new ApiProblem("invalid_request", "The body is not valid JSON");
  }
  return body;
}

function tooLarge(limit: number) {
  return new ApiProblem("payload_too_large", `The body may be at most ${limit} bytes`);
}

/**
 * JSON may escape half of a surrogate pair ("\ud800") into a string that is not Unicode at all,
 * which the database cannot store: such a body is as invalid as malformed JSON. A NUL ("\u0000")
 * is Unicode, but PostgreSQL cannot store it in text, and no name or key needs one: refused on
 * both engines alike (hasNul).
 */
function refuseUnstorable(key: string, value: unknown): unknown {
  if (LONE_SURROGATE.test(key) || (typeof value === "string" && LONE_SURROGATE.test(value))) throw new Error("not well-formed Unicode");
  if (hasNul(key) || (typeof value === "string" && hasNul(value))) throw nulRefused();
  return value;
}

/** Whether text holds a NUL character, which no text column of PostgreSQL can store. */
export const hasNul = (text: string): boolean => text.includes("\u0000");

export const nulRefused = () => new ApiProblem("invalid_request", "Text may not contain a NUL character (\\u0000)");

const UNSTORABLE_ESCAPE = /\\u(?:[dD][89a-fA-F]|0000)/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
