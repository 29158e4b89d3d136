// Stands in for `server-only` under Vitest, where no React Server Components bundler runs.
export {};
