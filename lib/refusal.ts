// An expected refusal, carried as a value up to a form or the API: the caller may not, the thing is
// not there, the input is wrong, or it changed meanwhile. Anything else is unexpected and thrown on.
export type RefusalCode = "forbidden" | "not_found" | "invalid" | "conflict";

export class Refusal extends Error {
  override name = "Refusal";
  constructor(
    message: string,
    readonly code: RefusalCode,
    /** The form field or request member the refusal is about, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}
