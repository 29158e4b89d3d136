import { describe, expect, it } from "vitest";
import { z } from "zod";
import { correctFieldsMessage, invalidInput, refusal } from "./form-state";
import { Refusal } from "./refusal";

describe("invalidInput", () => {
  it("puts each field's messages under its name, leaving out fields without any", () => {
    const schema = z.object({ name: z.string().min(1, "Give it a name"), days: z.number().min(1, "At least 1 day"), note: z.string().optional() });
    const result = schema.safeParse({ name: "", days: 0 });
    expect(result.success).toBe(false);
    expect(invalidInput(result.error!)).toEqual({
      errors: { name: ["Give it a name"], days: ["At least 1 day"] },
      message: "Please correct the 2 highlighted fields: name and days.",
    });
  });
});

describe("correctFieldsMessage", () => {
  it("names the fields without saying where they are", () => {
    expect(correctFieldsMessage(["name"])).toBe("Please correct the highlighted field: name.");
    expect(correctFieldsMessage(["maxLifetimeDays", "grace_hours", "idleDisableDays"])).toBe(
      "Please correct the 3 highlighted fields: max lifetime days, grace hours and idle disable days.",
    );
    expect(correctFieldsMessage([])).toBe("Please correct the highlighted fields.");
    expect(correctFieldsMessage(["name", "name"])).toBe("Please correct the highlighted field: name.");
  });

  it("never points up or down the page", () => {
    for (const fields of [[], ["name"], ["name", "days"]]) expect(correctFieldsMessage(fields)).not.toMatch(/\b(below|above|underneath|beneath)\b/i);
  });
});

describe("refusal", () => {
  it("puts an invalid field next to the field and everything else in the message", () => {
    expect(refusal(new Refusal("Choose at least one scope", "invalid", "scopes"))).toEqual({ errors: { scopes: ["Choose at least one scope"] } });
    expect(refusal(new Refusal("No such token", "not_found"))).toEqual({ message: "No such token" });
    expect(refusal(new Refusal("Rotated meanwhile", "conflict"))).toEqual({ message: "Rotated meanwhile" });
    expect(refusal(new Refusal("Only admins can change roles", "forbidden"))).toEqual({ message: "Only admins can change roles" });
    expect(refusal(new Refusal("You cannot disable yourself", "invalid", "disabled"))).toEqual({ errors: { disabled: ["You cannot disable yourself"] } });
  });

  it("rethrows an unexpected error for the error page", () => {
    const unexpected = new Error("database is locked");
    expect(() => refusal(unexpected)).toThrow(unexpected);
  });
});
