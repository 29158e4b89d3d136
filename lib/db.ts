// The app's Prisma client: one per process, kept across hot reloads in development.
import "server-only";
import { connectDatabase } from "./db-connect";
import { env } from "./env";
import type { PrismaClient } from "./generated/prisma/client";

const globalForDb = globalThis as unknown as { gatehouseDb?: PrismaClient };

export const db = globalForDb.gatehouseDb ?? connectDatabase(env.DATABASE_URL);

if (env.NODE_ENV !== "production") globalForDb.gatehouseDb = db;
