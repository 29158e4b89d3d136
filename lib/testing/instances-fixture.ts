// The data e2e/instances.spec.ts starts from, written into the PostgreSQL database of DATABASE_URL
// through Gatehouse's own code, and printed as one JSON line: an admin who signs in, whose dashboard
// token is due for rotation; a second admin with a personal token, to be revoked or downgraded; and
// a Standard user's token for the rate limits. Run with tsx --conditions=react-server.
import { dashboardTokenFor } from "@/lib/tokens/dashboard";
import { MINUTE_MS } from "@/lib/time";
import { createUser, issueTestToken, testDb } from "./factories";

async function main() {
  const admin = await createUser({ role: "ADMIN", name: "Instance Admin" });
  // Its dashboard token, moved inside the rotation window: the next page that needs it rotates it.
  await dashboardTokenFor(admin.id);
  await testDb().apiToken.updateMany({ where: { userId: admin.id, kind: "DASHBOARD" }, data: { expiresAt: new Date(Date.now() + 30 * MINUTE_MS) } });
  const writer = await issueTestToken(admin.id, { scopes: ["devices:read", "devices:write"] });
  const target = await createUser({ role: "ADMIN", name: "Instance Target" });
  const revocable = await issueTestToken(target.id, { scopes: ["devices:read"] });
  const downgraded = await issueTestToken(target.id, { scopes: ["devices:read", "users:admin"] });
  const standard = await createUser({ name: "Instance Standard" });
  const limited = await issueTestToken(standard.id, { scopes: ["devices:read"] });
  process.stdout.write(
    `${JSON.stringify({
      admin: { id: admin.id, email: admin.email, password: admin.password, name: admin.name },
      target: { id: target.id, email: target.email, name: target.name },
      tokens: { writer: writer.token, revocable: revocable.token, revocableName: revocable.view.name, downgraded: downgraded.token, limited: limited.token },
    })}\n`,
  );
  await testDb().$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
