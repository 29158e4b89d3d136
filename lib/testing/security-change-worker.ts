// A second app instance for lib/tokens/revocation-instances.test.ts: makes one security change
// through Gatehouse's own functions, in its own process, against the database in DATABASE_URL.
// Prints "START" just before the change and "DONE" once it committed.
// Run with tsx --conditions=react-server. Arguments: revoke <tokenId> | downgrade <adminId> <userId> | disable <adminId> <userId>.
import { personOf } from "./callers";

const [change = "", first = "", second = ""] = process.argv.slice(2);

async function main() {
  const { revokeToken } = await import("@/lib/tokens/lifecycle");
  const { changeUserRole, setUserDisabled } = await import("@/lib/auth/users");
  const { db } = await import("@/lib/db");
  const admin = () => personOf({ id: first, role: "ADMIN" });
  // A cold process spends a while on its first queries (connecting, loading the query compiler):
  // done before START, so that START to DONE is the change itself.
  await db.user.findFirst({ select: { id: true } });
  await db.$transaction(async (tx) => tx.apiToken.findFirst({ select: { id: true } }));
  process.stdout.write("START\n");
  if (change === "revoke") await revokeToken("system", first);
  else if (change === "downgrade") await changeUserRole(admin(), second, "STANDARD");
  else if (change === "disable") await setUserDisabled(admin(), second, true);
  else throw new Error(`unknown change ${change}`);
  process.stdout.write("DONE\n");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
