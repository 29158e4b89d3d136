-- CreateTable
CREATE TABLE "TokenUsage" (
    "tokenId" TEXT NOT NULL,
    "minute" DATETIME NOT NULL,
    "route" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,

    PRIMARY KEY ("tokenId", "minute", "route")
);

-- CreateTable
CREATE TABLE "TokenNetwork" (
    "tokenId" TEXT NOT NULL,
    "network" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,

    PRIMARY KEY ("tokenId", "network")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rule" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "deliveredAt" DATETIME,
    "deliveryAttempts" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PasswordLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PasswordLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobCursor" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
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
    "mac" TEXT
);
INSERT INTO "new_AuditEvent" ("action", "actorId", "actorType", "at", "detail", "id", "ip", "targetId", "targetType") SELECT "action", "actorId", "actorType", "at", "detail", "id", "ip", "targetId", "targetType" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE UNIQUE INDEX "AuditEvent_prevHash_key" ON "AuditEvent"("prevHash");
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");
CREATE INDEX "AuditEvent_tokenId_at_idx" ON "AuditEvent"("tokenId", "at");
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'STANDARD',
    "disabledAt" DATETIME,
    "sessionsValidAfter" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "disabledAt", "email", "id", "name", "passwordHash", "role", "sessionsValidAfter", "updatedAt") SELECT "createdAt", "disabledAt", "email", "id", "name", "passwordHash", "role", "sessionsValidAfter", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

-- The audit log is append-only: no statement may delete a record, or change one. The one exception
-- is sealing: a record written before the chain existed (hash IS NULL) may have its prevHash, hash
-- and mac set once, by the first append (lib/audit/chain.ts), and nothing else about it.
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent is append-only: records cannot be deleted');
END;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
WHEN OLD."hash" IS NOT NULL
    OR NEW."id" IS NOT OLD."id" OR NEW."at" IS NOT OLD."at" OR NEW."actorType" IS NOT OLD."actorType"
    OR NEW."actorId" IS NOT OLD."actorId" OR NEW."tokenId" IS NOT OLD."tokenId" OR NEW."action" IS NOT OLD."action"
    OR NEW."targetType" IS NOT OLD."targetType" OR NEW."targetId" IS NOT OLD."targetId" OR NEW."ip" IS NOT OLD."ip"
    OR NEW."userAgent" IS NOT OLD."userAgent" OR NEW."outcome" IS NOT OLD."outcome" OR NEW."detail" IS NOT OLD."detail"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent is append-only: records cannot be changed');
END;
