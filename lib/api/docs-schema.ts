// Reads the JSON Schemas of the OpenAPI document for the API reference: a type in words, the
// limits a value must keep, a flat list of fields, and an example value that the schema accepts.
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

export type DocField = { name: string; type: string; required: boolean; constraints: string[]; description?: string; defaultValue?: string };

/** Resolves `$ref`s against the document: the schema itself, and the component's name when it had one. */
export function resolve(root: unknown, schema: JsonSchema): { schema: JsonSchema; name?: string } {
  let current = schema;
  let name: string | undefined;
  for (let depth = 0; current.$ref && depth < 10; depth++) {
    name = current.$ref.split("/").pop();
    const found = pointer(root, current.$ref);
    if (!found || typeof found !== "object") return { schema: {}, name };
    current = found as JsonSchema;
  }
  return { schema: current, name };
}

function pointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), root);
}

const options = (schema: JsonSchema): JsonSchema[] | undefined => schema.anyOf ?? schema.oneOf;
const types = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

/** The type in words: "string (date-time) | null", "object[]", "integer". */
export function typeText(root: unknown, raw: JsonSchema): string {
  const { schema } = resolve(root, raw);
  const choices = options(schema);
  if (choices) return [...new Set(choices.map((choice) => typeText(root, choice)))].join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const list = types(schema);
  if (list.length === 0) return "any";
  return list
    .map((type) => {
      if (type === "array") {
        const item = schema.items ? typeText(root, schema.items) : "any";
        return item.includes(" ") ? `(${item})[]` : `${item}[]`;
      }
      return type === "string" && schema.format ? `string (${schema.format})` : type;
    })
    .join(" | ");
}

const number = (value: number) => value.toLocaleString("en-US");
/** zod writes the bounds of a plain integer as ±2^53-1: no limit anyone needs to read. */
const meaningful = (value: number | undefined): value is number => value !== undefined && Math.abs(value) < Number.MAX_SAFE_INTEGER;
/** Longer patterns (a date's full grammar) say less than the format beside them. */
const SHORT_PATTERN = 48;

function range(min: number | undefined, max: number | undefined, unit = ""): string | undefined {
  const suffix = unit ? ` ${unit}` : "";
  if (min !== undefined && max !== undefined) return `${number(min)}–${number(max)}${suffix}`;
  if (min !== undefined) return `at least ${number(min)}${suffix}`;
  if (max !== undefined) return `at most ${number(max)}${suffix}`;
  return undefined;
}

/** The limits a value must keep, in words: "1–64 characters", "at most 100", "one of: a, b". */
export function constraintsOf(root: unknown, raw: JsonSchema): string[] {
  const { schema } = resolve(root, raw);
  const choices = options(schema);
  if (choices) return [...new Set(choices.flatMap((choice) => constraintsOf(root, choice)))];
  const out: string[] = [];
  if (schema.enum) out.push(`one of: ${schema.enum.map((value) => String(value)).join(", ")}`);
  const length = range(schema.minLength, schema.maxLength, "characters");
  if (length) out.push(length);
  const min = meaningful(schema.minimum) ? schema.minimum : undefined;
  const max = meaningful(schema.maximum) ? schema.maximum : undefined;
  const bounds = range(min, max);
  if (bounds) out.push(bounds);
  if (meaningful(schema.exclusiveMinimum)) out.push(`more than ${number(schema.exclusiveMinimum)}`);
  if (meaningful(schema.exclusiveMaximum)) out.push(`less than ${number(schema.exclusiveMaximum)}`);
  const items = range(schema.minItems, schema.maxItems, "items");
  if (items) out.push(items);
  if (schema.pattern && schema.pattern.length <= SHORT_PATTERN) out.push(`pattern ${schema.pattern}`);
  return out;
}

const MAX_DEPTH = 6;

/** Every field of an object schema, nested ones as `owner.name` and `readings[].time`; a union's variants merged. */
export function fieldsOf(root: unknown, raw: JsonSchema, prefix = "", depth = 0): DocField[] {
  if (depth > MAX_DEPTH) return [];
  const { schema } = resolve(root, raw);
  const choices = options(schema);
  if (choices) return mergeVariants(choices.map((choice) => fieldsOf(root, choice, prefix, depth + 1)));
  if (types(schema).includes("array") && schema.items) return fieldsOf(root, schema.items, prefix ? `${prefix}[].` : "", depth + 1);
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
    const name = `${prefix}${key}`;
    const resolved = resolve(root, property).schema;
    const field: DocField = {
      name,
      type: typeText(root, property),
      required: required.has(key),
      constraints: constraintsOf(root, property),
      ...(resolved.description ? { description: resolved.description } : {}),
      ...(resolved.default !== undefined ? { defaultValue: JSON.stringify(resolved.default) } : {}),
    };
    const inner = nestedOf(root, resolved);
    return [field, ...(inner ? fieldsOf(root, inner.schema, `${name}${inner.array ? "[]" : ""}.`, depth + 1) : [])];
  });
}

/** The object inside a property, if any: itself (or a union of objects), its array's items, or a nullable one's value. */
function nestedOf(root: unknown, schema: JsonSchema): { schema: JsonSchema; array: boolean } | undefined {
  const choices = options(schema)?.map((choice) => resolve(root, choice).schema);
  if (schema.properties || (choices?.length && choices.every((choice) => choice.properties))) return { schema, array: false };
  if (schema.items) {
    const inner = nestedOf(root, resolve(root, schema.items).schema);
    return inner && !inner.array ? { schema: inner.schema, array: true } : undefined;
  }
  const nonNull = choices?.filter((choice) => !types(choice).includes("null"));
  return nonNull?.length === 1 ? nestedOf(root, nonNull[0]!) : undefined;
}

function mergeVariants(variants: DocField[][]): DocField[] {
  const merged = new Map<string, DocField>();
  for (const field of variants.flat()) {
    const seen = merged.get(field.name);
    if (!seen) merged.set(field.name, { ...field, required: variants.every((fields) => fields.some((f) => f.name === field.name && f.required)) });
    else if (!seen.type.split(" | ").includes(field.type)) seen.type = `${seen.type} | ${field.type}`;
  }
  return [...merged.values()];
}

export type ExampleMode = { now: Date; request: boolean };

const EXAMPLE_ID = "clx2m9k0d0000a1b2c3d4e5f6";
/** Plausible values by field name, so that an example reads as a real call would. */
const STRING_HINTS: Record<string, string> = {
  name: "Greenhouse sensor",
  email: "ada@example.com",
  metric: "temperature",
  key: "temperature",
  unit: "°C",
  location: "Greenhouse",
  kind: "thermostat",
  action: "device.updated",
  reason: "hash mismatch",
  message: "No reading for 15 minutes",
  prefix: "gth_pat_",
  last4: "x7Qe",
  userAgent: "curl/8.5.0",
  ip: "203.0.113.7",
};

function exampleString(schema: JsonSchema, name: string, mode: ExampleMode): string {
  if (schema.format === "date-time") return new Date(Math.floor(mode.now.getTime() / 60_000) * 60_000).toISOString();
  if (schema.format === "email") return STRING_HINTS.email!;
  const hint = STRING_HINTS[name] ?? (/(^id$|Id$|[cC]ursor$)/.test(name) ? EXAMPLE_ID : "text");
  return schema.maxLength !== undefined ? hint.slice(0, schema.maxLength) : hint;
}

function exampleNumber(schema: JsonSchema, integer: boolean): number {
  const low = meaningful(schema.minimum) ? schema.minimum : meaningful(schema.exclusiveMinimum) ? schema.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const high = meaningful(schema.maximum) ? schema.maximum : undefined;
  const wanted = integer ? Math.max(1, low ?? 1) : 21.5;
  return Math.min(Math.max(wanted, low ?? wanted), high ?? wanted);
}

/** An example the schema accepts: a request's holds only its required fields (or its first, when none is). */
export function exampleOf(root: unknown, raw: JsonSchema, mode: ExampleMode, name = "", depth = 0): unknown {
  const { schema } = resolve(root, raw);
  if (depth > MAX_DEPTH) return null;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const choices = options(schema);
  if (choices) {
    const real = choices.filter((choice) => !types(resolve(root, choice).schema).includes("null"));
    const pick = real.find((choice) => resolve(root, choice).schema.format === "date-time") ?? real[0] ?? choices[0]!;
    return exampleOf(root, pick, mode, name, depth + 1);
  }
  const type = types(schema).find((t) => t !== "null") ?? (schema.properties ? "object" : undefined);
  switch (type) {
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      const chosen = mode.request ? properties.filter(([key]) => required.has(key)) : properties;
      const shown = chosen.length || !mode.request ? chosen : properties.slice(0, 1);
      return Object.fromEntries(shown.map(([key, property]) => [key, exampleOf(root, property, mode, key, depth + 1)]));
    }
    case "array":
      return schema.items ? [exampleOf(root, schema.items, mode, name, depth + 1)] : [];
    case "string":
      return exampleString(schema, name, mode);
    case "integer":
      return exampleNumber(schema, true);
    case "number":
      return exampleNumber(schema, false);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return {};
  }
}
