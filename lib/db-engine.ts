/** Whether DATABASE_URL names PostgreSQL (postgres:// or postgresql://) rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
