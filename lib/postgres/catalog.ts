// What a migrated database is made of, written the same way for SQLite and PostgreSQL, so that a
// test can say the two engines' migrations build the same tables (prisma/postgres/schema.test.ts):
// each table's columns with their kind and nullability, its primary key, its indexes and its
// foreign keys. Kinds are compared as the schema's types (an enum is text, serial an integer).
import Database from "better-sqlite3";
import pg from "pg";

export type Catalog = Record<string, { columns: string[]; primaryKey: string; indexes: string[]; foreignKeys: string[] }>;

const BOOKKEEPING = ["_prisma_migrations", "_gatehouse_migrations"];
const ACTIONS: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

function kindOf(type: string): string {
  const t = type.toLowerCase();
  if (t === "text" || t === "user-defined") return "text";
  if (t === "integer") return "integer";
  if (t === "real" || t === "double precision") return "float";
  if (t === "boolean") return "boolean";
  if (t === "datetime" || t.startsWith("timestamp")) return "datetime";
  return t;
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

export function sqliteCatalog(file: string): Catalog {
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const catalog: Catalog = {};
    for (const table of tables.filter((name) => !BOOKKEEPING.includes(name))) {
      const columns = raw.pragma(`table_info("${table}")`) as { name: string; type: string; notnull: number; pk: number }[];
      const indexes = (raw.pragma(`index_list("${table}")`) as { name: string; unique: number; origin: string }[])
        .filter((index) => index.origin !== "pk")
        .map((index) => `${index.unique ? "unique " : ""}(${(raw.pragma(`index_info("${index.name}")`) as { name: string }[]).map((c) => c.name).join(", ")})`);
      const keys = raw.pragma(`foreign_key_list("${table}")`) as { id: number; table: string; from: string; to: string; on_delete: string }[];
      const foreignKeys = [...new Set(keys.map((key) => key.id))].map((id) => {
        const parts = keys.filter((key) => key.id === id);
        const [{ table: target, on_delete }] = parts as [(typeof parts)[number]];
        return `(${parts.map((p) => p.from).join(", ")}) -> ${target}(${parts.map((p) => p.to).join(", ")}) on delete ${on_delete}`;
      });
      catalog[table] = {
        columns: sorted(columns.map((c) => `${c.name} ${kindOf(c.type)}${c.notnull || c.pk ? " not null" : ""}`)),
        primaryKey: columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name).join(", "),
        indexes: sorted(indexes),
        foreignKeys: sorted(foreignKeys),
      };
    }
    return catalog;
  } finally {
    raw.close();
  }
}

export async function postgresCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table: string; name: string; type: string; nullable: string }>(
      `SELECT table_name AS "table", column_name AS "name", data_type AS "type", is_nullable AS "nullable"
       FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    // Every index with its columns in key order; a primary key's is told apart by indisprimary.
    const indexes = await client.query<{ table: string; primary: boolean; unique: boolean; columns: string[] }>(
      `SELECT t.relname AS "table", i.indisprimary AS "primary", i.indisunique AS "unique",
              array(SELECT a.attname FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o)::text[] AS "columns"
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
       WHERE s.nspname = current_schema()`,
    );
    const keys = await client.query<{ table: string; target: string; from: string[]; to: string[]; action: string }>(
      `SELECT t.relname AS "table", f.relname AS "target", c.confdeltype AS "action",
              array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS "from",
              array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS "to"
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid JOIN pg_namespace s ON s.oid = t.relnamespace
       WHERE c.contype = 'f' AND s.nspname = current_schema()`,
    );
    const catalog: Catalog = {};
    for (const column of columns.rows) {
      if (BOOKKEEPING.includes(column.table)) continue;
      const table = (catalog[column.table] ??= { columns: [], primaryKey: "", indexes: [], foreignKeys: [] });
      table.columns.push(`${column.name} ${kindOf(column.type)}${column.nullable === "NO" ? " not null" : ""}`);
    }
    for (const index of indexes.rows) {
      const table = catalog[index.table];
      if (!table) continue;
      if (index.primary) table.primaryKey = index.columns.join(", ");
      else table.indexes.push(`${index.unique ? "unique " : ""}(${index.columns.join(", ")})`);
    }
    for (const key of keys.rows) {
      catalog[key.table]?.foreignKeys.push(`(${key.from.join(", ")}) -> ${key.target}(${key.to.join(", ")}) on delete ${ACTIONS[key.action]}`);
    }
    for (const table of Object.values(catalog)) {
      table.columns.sort();
      table.indexes.sort();
      table.foreignKeys.sort();
    }
    return catalog;
  } finally {
    await client.end();
  }
}
