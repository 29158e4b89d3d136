// /admin has no page of its own; it opens the users list.
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/session";

export default async function AdminIndex() {
  await requireAdmin();
  redirect("/admin/users");
}
