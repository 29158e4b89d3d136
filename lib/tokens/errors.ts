// Expected failures of token management, carried as values up to the form or the API.
export class TokenError extends Error {
  override name = "TokenError";
  constructor(
    message: string,
    readonly code: "forbidden" | "not_found" | "invalid" | "conflict",
    readonly field?: string,
  ) {
    super(message);
  }
}
