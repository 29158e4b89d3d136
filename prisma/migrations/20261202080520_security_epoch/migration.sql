-- CreateTable
CREATE TABLE "SecurityEpoch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "value" INTEGER NOT NULL DEFAULT 0
);

-- The one row. Its value only ever goes up, by the triggers below; instances compare it with the
-- value they last read, never with anything else.
INSERT INTO "SecurityEpoch" ("id", "value") VALUES (1, 0);

-- Each trigger below bumps the epoch after a change that can end or narrow what a verified token
-- may do, so that every instance's cache of verified tokens (lib/access/verified-cache.ts) is
-- emptied within about a second, whoever made the change: an instance, a CLI tool, plain SQL.
-- They are SQLite's; the PostgreSQL schema needs the same triggers in its own form.

-- Revocation, expiry, the end of a rotation's grace, narrowed scopes, and a token moved to another
-- device or owner. Not lastUsedAt/lastUsedIp: the usage flush writes those every few seconds, and
-- they must not empty every cache each time.
CREATE TRIGGER "ApiToken_security_epoch_update" AFTER UPDATE ON "ApiToken"
WHEN NEW."revokedAt" IS NOT OLD."revokedAt" OR NEW."expiresAt" IS NOT OLD."expiresAt"
    OR NEW."graceEndsAt" IS NOT OLD."graceEndsAt" OR NEW."scopes" IS NOT OLD."scopes"
    OR NEW."deviceId" IS NOT OLD."deviceId" OR NEW."userId" IS NOT OLD."userId"
    OR NEW."kind" IS NOT OLD."kind" OR NEW."hash" IS NOT OLD."hash"
BEGIN
    UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
END;

-- A deleted token must stop verifying (also when its owner or device is deleted and it goes by cascade).
CREATE TRIGGER "ApiToken_security_epoch_delete" AFTER DELETE ON "ApiToken"
BEGIN
    UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
END;

-- A role change narrows the owner's tokens to the new role's policy, a disable refuses them, and
-- sessionsValidAfter moves on sign-out, a password change and the like: any of them may be a
-- response to a stolen account.
CREATE TRIGGER "User_security_epoch_update" AFTER UPDATE ON "User"
WHEN NEW."role" IS NOT OLD."role" OR NEW."disabledAt" IS NOT OLD."disabledAt"
    OR NEW."sessionsValidAfter" IS NOT OLD."sessionsValidAfter"
BEGIN
    UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
END;

-- A deleted user's tokens must stop verifying.
CREATE TRIGGER "User_security_epoch_delete" AFTER DELETE ON "User"
BEGIN
    UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
END;

-- A role's policy caps its tokens' scopes and sets their idle limit, both applied at verification.
CREATE TRIGGER "Policy_security_epoch_insert" AFTER INSERT ON "Policy"
BEGIN
    UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "Policy_security_epoch_update" AFTER UPDATE ON "Policy"
BEGIN
    UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "Policy_security_epoch_delete" AFTER DELETE ON "Policy"
BEGIN
    UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
END;

-- A device token without its device must stop verifying (its tokens also go by cascade).
CREATE TRIGGER "Device_security_epoch_delete" AFTER DELETE ON "Device"
BEGIN
    UPDATE "SecurityEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
END;
