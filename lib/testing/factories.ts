// Test data made through the real client: users with known passwords, devices with readings.
import crypto from "node:crypto";
import type { Scope } from "@/lib/access/scopes";
import { hashPassword } from "@/lib/auth/password";
import { connectDatabase } from "@/lib/db-connect";
import type { PrismaClient, Role } from "@/lib/generated/prisma/client";
import { issueToken } from "@/lib/tokens/lifecycle";

let client: PrismaClient | undefined;

/** The test database, opened on first use from the URL global setup chose. */
export function testDb(): PrismaClient {
  client ??= connectDatabase(process.env.DATABASE_URL!);
  return client;
}

function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${crypto.randomUUID()}@test.gatehouse.local`;
}

export async function createUser(options: { role?: Role; password?: string; disabled?: boolean; name?: string } = {}) {
  const password = options.password ?? crypto.randomBytes(12).toString("base64url");
  const user = await testDb().user.create({
    data: {
      email: uniqueEmail(options.role === "ADMIN" ? "admin" : "user"),
      name: options.name ?? "Test User",
      role: options.role ?? "STANDARD",
      passwordHash: await hashPassword(password),
      disabledAt: options.disabled ? new Date() : null,
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return { ...user, password };
}

export async function createDevice(ownerId: string, options: { name?: string; enabled?: boolean; readings?: { key: string; values: [Date, number][] }[] } = {}) {
  const device = await testDb().device.create({
    data: { ownerId, name: options.name ?? `Device ${crypto.randomUUID().slice(0, 8)}`, kind: "thermostat", enabled: options.enabled ?? true },
    select: { id: true, name: true },
  });
  for (const series of options.readings ?? []) {
    await testDb().metric.create({
      data: {
        deviceId: device.id,
        key: series.key,
        unit: "°C",
        readings: { create: series.values.map(([time, value]) => ({ time, value })) },
      },
    });
  }
  return device;
}

/** Issues a real token through the lifecycle, as the system would. */
export async function issueTestToken(
  userId: string,
  options: { kind?: "PERSONAL" | "DASHBOARD" | "DEVICE"; scopes?: Scope[]; deviceId?: string; expiresInDays?: number } = {},
) {
  const kind = options.kind ?? "PERSONAL";
  const scopes = options.scopes ?? (kind === "PERSONAL" ? (["devices:read", "telemetry:read"] as Scope[]) : undefined);
  return issueToken("system", { userId, kind, name: `${kind.toLowerCase()} test token`, scopes, deviceId: options.deviceId, expiresInDays: options.expiresInDays });
}

/** Every key of a TokenView, sorted: what leaves lib/tokens, and nothing more (no hash, no ciphertext). */
export const TOKEN_VIEW_KEYS = [
  "createdAt",
  "deviceId",
  "deviceName",
  "expiresAt",
  "graceEndsAt",
  "hint",
  "id",
  "kind",
  "lastUsedAt",
  "lastUsedIp",
  "name",
  "revokedAt",
  "revokedReason",
  "scopes",
  "status",
  "userId",
];
