-- PostgreSQL's baseline: every SQLite migration up to 20261202200000_two_hour_rollups, as one. The tables
-- are Prisma's (prisma migrate diff from prisma/postgres/schema.prisma); what Prisma has no word for
-- (default rows, triggers) follows them, in PostgreSQL's form of each SQLite migration's.

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'STANDARD');

-- CreateEnum
CREATE TYPE "TokenKind" AS ENUM ('DASHBOARD', 'PERSONAL', 'DEVICE');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'STANDARD',
    "disabledAt" TIMESTAMP(3),
    "sessionsValidAfter" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "location" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastSeenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" SERIAL NOT NULL,
    "deviceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "unit" TEXT NOT NULL,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Telemetry" (
    "metricId" INTEGER NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Telemetry_pkey" PRIMARY KEY ("metricId","time")
);

-- CreateTable
CREATE TABLE "TelemetryRollup" (
    "metricId" INTEGER NOT NULL,
    "resolution" INTEGER NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "TelemetryRollup_pkey" PRIMARY KEY ("metricId","resolution","time")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "TokenKind" NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "deviceId" TEXT,
    "hash" TEXT NOT NULL,
    "ciphertext" TEXT,
    "prefix" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "graceEndsAt" TIMESTAMP(3),
    "replacedById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "lastUsedIp" TEXT,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Policy" (
    "role" "Role" NOT NULL,
    "scopes" TEXT NOT NULL,
    "maxLifetimeDays" INTEGER NOT NULL,
    "rotationIntervalDays" INTEGER NOT NULL,
    "gracePeriodHours" INTEGER NOT NULL,
    "idleDisableDays" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Policy_pkey" PRIMARY KEY ("role")
);

-- CreateTable
CREATE TABLE "SecurityEpoch" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SecurityEpoch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "tokenId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'success',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "prevHash" TEXT,
    "hash" TEXT,
    "mac" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TokenUsage" (
    "tokenId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "route" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,

    CONSTRAINT "TokenUsage_pkey" PRIMARY KEY ("tokenId","minute","route")
);

-- CreateTable
CREATE TABLE "TokenNetwork" (
    "tokenId" TEXT NOT NULL,
    "network" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TokenNetwork_pkey" PRIMARY KEY ("tokenId","network")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "deliveryAttempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordLink" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobCursor" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobCursor_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "previousFailureAt" TIMESTAMP(3),
    "succeededAt" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Device_ownerId_name_idx" ON "Device"("ownerId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Metric_deviceId_key_key" ON "Metric"("deviceId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_replacedById_key" ON "ApiToken"("replacedById");

-- CreateIndex
CREATE INDEX "ApiToken_userId_kind_idx" ON "ApiToken"("userId", "kind");

-- CreateIndex
CREATE INDEX "ApiToken_deviceId_idx" ON "ApiToken"("deviceId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_prevHash_key" ON "AuditEvent"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_tokenId_at_idx" ON "AuditEvent"("tokenId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "TokenUsage_minute_idx" ON "TokenUsage"("minute");

-- CreateIndex
CREATE INDEX "TokenUsage_userId_minute_idx" ON "TokenUsage"("userId", "minute");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_key_key" ON "Alert"("key");

-- CreateIndex
CREATE INDEX "Alert_acknowledgedAt_createdAt_idx" ON "Alert"("acknowledgedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_createdAt_idx" ON "Alert"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_key_key" ON "Notification"("key");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordLink_hash_key" ON "PasswordLink"("hash");

-- CreateIndex
CREATE INDEX "PasswordLink_userId_idx" ON "PasswordLink"("userId");

-- CreateIndex
CREATE INDEX "SignInThrottle_lastFailureAt_idx" ON "SignInThrottle"("lastFailureAt");

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Telemetry" ADD CONSTRAINT "Telemetry_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TelemetryRollup" ADD CONSTRAINT "TelemetryRollup_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_replacedById_fkey" FOREIGN KEY ("replacedById") REFERENCES "ApiToken"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordLink" ADD CONSTRAINT "PasswordLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Default policies (DESIGN.md: Standard 90 days, Admin 180 days); admins can change them.
INSERT INTO "Policy" ("role", "scopes", "maxLifetimeDays", "rotationIntervalDays", "gracePeriodHours", "idleDisableDays", "updatedAt") VALUES
    ('STANDARD', 'devices:read devices:write telemetry:read telemetry:write', 90, 90, 24, 60, TIMESTAMP '1970-01-01'),
    ('ADMIN', 'devices:read devices:write telemetry:read telemetry:write users:admin tokens:admin audit:read', 180, 180, 24, 60, TIMESTAMP '1970-01-01');

-- The audit log is append-only: no statement may delete a record, or change one. The one exception
-- is sealing: a record written before the chain existed (hash IS NULL) may have its prevHash, hash
-- and mac set once, by the first append (lib/audit/chain.ts), and nothing else about it.
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'AuditEvent is append-only: records cannot be deleted';
    END IF;
    IF OLD."hash" IS NOT NULL
        OR NEW."id" IS DISTINCT FROM OLD."id" OR NEW."at" IS DISTINCT FROM OLD."at" OR NEW."actorType" IS DISTINCT FROM OLD."actorType"
        OR NEW."actorId" IS DISTINCT FROM OLD."actorId" OR NEW."tokenId" IS DISTINCT FROM OLD."tokenId" OR NEW."action" IS DISTINCT FROM OLD."action"
        OR NEW."targetType" IS DISTINCT FROM OLD."targetType" OR NEW."targetId" IS DISTINCT FROM OLD."targetId" OR NEW."ip" IS DISTINCT FROM OLD."ip"
        OR NEW."userAgent" IS DISTINCT FROM OLD."userAgent" OR NEW."outcome" IS DISTINCT FROM OLD."outcome" OR NEW."detail" IS DISTINCT FROM OLD."detail" THEN
        RAISE EXCEPTION 'AuditEvent is append-only: records cannot be changed';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();
-- TRUNCATE skips row triggers: refuse it too.
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_append_only"();

-- The security epoch's one row. Its value only ever goes up, by the triggers below; instances compare
-- it with the value they last read, never with anything else (lib/access/verified-cache.ts).
INSERT INTO "SecurityEpoch" ("id", "value") VALUES (1, 0);

-- Bumps the epoch once per statement that can end or narrow what a verified token may do, whoever
-- made the change: an instance, a CLI tool, plain SQL. As in SQLite's triggers, the usage flush's
-- writes of lastUsedAt and lastUsedIp do not count, or every cache would empty every few seconds.
CREATE FUNCTION "security_epoch_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
    RETURN NULL;
END $$;

-- Revocation, expiry, the end of a rotation's grace, narrowed scopes, and a token moved to another
-- device or owner.
CREATE TRIGGER "ApiToken_security_epoch_update" AFTER UPDATE ON "ApiToken" FOR EACH ROW
WHEN (NEW."revokedAt" IS DISTINCT FROM OLD."revokedAt" OR NEW."expiresAt" IS DISTINCT FROM OLD."expiresAt"
    OR NEW."graceEndsAt" IS DISTINCT FROM OLD."graceEndsAt" OR NEW."scopes" IS DISTINCT FROM OLD."scopes"
    OR NEW."deviceId" IS DISTINCT FROM OLD."deviceId" OR NEW."userId" IS DISTINCT FROM OLD."userId"
    OR NEW."kind" IS DISTINCT FROM OLD."kind" OR NEW."hash" IS DISTINCT FROM OLD."hash")
EXECUTE FUNCTION "security_epoch_bump"();
-- A deleted token must stop verifying (also when its owner or device is deleted and it goes by cascade).
CREATE TRIGGER "ApiToken_security_epoch_delete" AFTER DELETE ON "ApiToken" FOR EACH STATEMENT EXECUTE FUNCTION "security_epoch_bump"();

-- A role change, a disable, and sessionsValidAfter moving (sign-out, a password change): any of them
-- may be a response to a stolen account.
CREATE TRIGGER "User_security_epoch_update" AFTER UPDATE ON "User" FOR EACH ROW
WHEN (NEW."role" IS DISTINCT FROM OLD."role" OR NEW."disabledAt" IS DISTINCT FROM OLD."disabledAt"
    OR NEW."sessionsValidAfter" IS DISTINCT FROM OLD."sessionsValidAfter")
EXECUTE FUNCTION "security_epoch_bump"();
CREATE TRIGGER "User_security_epoch_delete" AFTER DELETE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION "security_epoch_bump"();

-- A role's policy caps its tokens' scopes and sets their idle limit, both applied at verification.
CREATE TRIGGER "Policy_security_epoch_change" AFTER INSERT OR UPDATE OR DELETE ON "Policy" FOR EACH STATEMENT EXECUTE FUNCTION "security_epoch_bump"();

-- A device token without its device must stop verifying (its tokens also go by cascade).
CREATE TRIGGER "Device_security_epoch_delete" AFTER DELETE ON "Device" FOR EACH STATEMENT EXECUTE FUNCTION "security_epoch_bump"();
