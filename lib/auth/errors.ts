// Expected refusals of user management, carried as values up to the form (as TokenError is for tokens).
export class UserError extends Error {
  override name = "UserError";
  constructor(
    message: string,
    readonly code: "forbidden" | "not_found" | "invalid",
    readonly field?: string,
  ) {
    super(message);
  }
}

export class ForbiddenError extends UserError {
  override name = "ForbiddenError";
  constructor(message: string) {
    super(message, "forbidden");
  }
}
