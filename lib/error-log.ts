// Unexpected errors, logged under a reference id that the answer shows, with a sanitised message:
// an error's message can quote what it was given (a query's arguments, a header, a token), and a
// multi-line one hides more of it on its later lines. Only the frames of the stack follow it.
import crypto from "node:crypto";

const MAX_MESSAGE = 200;

/** One line of text with quoted text and long opaque runs (tokens, hashes, ids) blanked, and cut short. */
function blank(text: string): string {
  const first = text.split(/[\r\n]/, 1)[0] ?? "";
  return first
    .replace(/(["'`])(?:(?!\1).)*\1/g, "$1…$1")
    .replace(/[A-Za-z0-9_+=%-]{16,}/g, "…")
    .slice(0, MAX_MESSAGE);
}

/** The error's name and code, and the first line of its message, blanked. */
export function sanitizedMessage(error: unknown): string {
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  const head = [typeof name === "string" ? name : "Error", typeof code === "string" ? code : ""].filter(Boolean).join(" ");
  return `${head}: ${typeof message === "string" ? blank(message) : ""}`;
}

/**
 * Logs an unexpected error under a new reference id, and returns the id for the answer. `where`
 * (which may hold a requested path) is blanked as the message is; `message` replaces the error's
 * own only where it is known to quote nothing it was given.
 */
export function logUnexpected(where: string, error: unknown, message = sanitizedMessage(error)): string {
  const reference = crypto.randomUUID();
  const stack = (error as { stack?: unknown } | null)?.stack;
  const frames = typeof stack === "string" ? stack.split("\n").filter((line) => /^\s+at /.test(line)) : [];
  console.error([`${blank(where)} ${reference}: ${message}`, ...frames].join("\n"));
  return reference;
}
