-- CreateTable
CREATE TABLE "CredentialCheck" (
    "appId" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "reason" TEXT,
    "secretExpires" TEXT,

    CONSTRAINT "CredentialCheck_pkey" PRIMARY KEY ("appId")
);
