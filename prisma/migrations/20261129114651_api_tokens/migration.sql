-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "deviceId" TEXT,
    "hash" TEXT NOT NULL,
    "ciphertext" TEXT,
    "prefix" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "graceEndsAt" DATETIME,
    "replacedById" TEXT,
    "lastUsedAt" DATETIME,
    "lastUsedIp" TEXT,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiToken_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiToken_replacedById_fkey" FOREIGN KEY ("replacedById") REFERENCES "ApiToken" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Policy" (
    "role" TEXT NOT NULL PRIMARY KEY,
    "scopes" TEXT NOT NULL,
    "maxLifetimeDays" INTEGER NOT NULL,
    "rotationIntervalDays" INTEGER NOT NULL,
    "gracePeriodHours" INTEGER NOT NULL,
    "idleDisableDays" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "actorType" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "ip" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}'
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("key", "windowStart")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_replacedById_key" ON "ApiToken"("replacedById");

-- CreateIndex
CREATE INDEX "ApiToken_userId_kind_idx" ON "ApiToken"("userId", "kind");

-- CreateIndex
CREATE INDEX "ApiToken_deviceId_idx" ON "ApiToken"("deviceId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- Default policies (DESIGN.md: Standard 90 days, Admin 180 days); admins can change them.
INSERT INTO "Policy" ("role", "scopes", "maxLifetimeDays", "rotationIntervalDays", "gracePeriodHours", "idleDisableDays", "updatedAt") VALUES
    ('STANDARD', 'devices:read devices:write telemetry:read telemetry:write', 90, 90, 24, 60, 0),
    ('ADMIN', 'devices:read devices:write telemetry:read telemetry:write users:admin tokens:admin audit:read', 180, 180, 24, 60, 0);
