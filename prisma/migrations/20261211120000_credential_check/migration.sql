-- CreateTable
CREATE TABLE "CredentialCheck" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "checkedAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "secretExpires" TEXT
);
