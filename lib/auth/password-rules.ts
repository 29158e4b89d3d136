// What a new password must be, for both ways of setting one: a one-time link and a change of one's own.
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "./password";

/** Length is what makes a password hard to guess; no rules about kinds of character (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;

export const newPassword = z
  .string({ error: "Enter a password" })
  .min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `At most ${MAX_PASSWORD_LENGTH} characters`);

/** The new password, typed twice. */
const pair = { password: newPassword, confirm: z.string({ error: "Type the password again" }).max(MAX_PASSWORD_LENGTH) };

const same = (fields: { password: string; confirm: string }) => fields.password === fields.confirm;
const differ = {
  path: ["confirm"],
  message: "The two passwords differ",
  // Checked even when the password itself is refused, so that both mistakes show at once.
  when: ({ value }: { value: unknown }) => typeof (value as { confirm?: unknown }).confirm === "string",
};

export const NewPasswordFields = z.object(pair).refine(same, differ);

export const ChangePasswordFields = z
  .object({ currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(MAX_PASSWORD_LENGTH), ...pair })
  .refine(same, differ);
