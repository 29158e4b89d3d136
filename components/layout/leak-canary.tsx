// Where the e2e suite's leak canary goes in, in its canary build alone (GATEHOUSE_BUILD_LEAK_CANARY=1
// at build time; next.config.ts inlines the result), to prove the leak scanner catches a dashboard
// token. The inlined constant is read here, not through lib/env.ts, because the bundler leaves an
// import out only when the condition in front of it is a literal: in every other build it is
// "0" !== "1", and ./leak-canary-meta, the one file with the tag, is not compiled in at all.
export async function LeakCanary({ userId }: { userId: string }) {
  if (process.env.GATEHOUSE_LEAK_CANARY !== "1") return null;
  const { LeakCanaryMeta } = await import("./leak-canary-meta");
  return <LeakCanaryMeta userId={userId} />;
}
