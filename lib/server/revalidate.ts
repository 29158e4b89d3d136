// Which pages show tokens, so that every action that changes one refreshes them all.
import "server-only";
import { revalidatePath } from "next/cache";

export function revalidateTokenPages(): void {
  revalidatePath("/settings/tokens");
  revalidatePath("/admin/users/[userId]/tokens", "page");
}
