-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "focusAreaId" TEXT;

-- CreateTable
CREATE TABLE "Initiative" (
    "id" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "evaluateOn" TEXT,
    "wholeArea" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'active',
    "version" INTEGER NOT NULL DEFAULT 1,
    "requestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Initiative_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InitiativeUnit" (
    "initiativeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,

    CONSTRAINT "InitiativeUnit_pkey" PRIMARY KEY ("initiativeId","unitId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Initiative_requestId_key" ON "Initiative"("requestId");

-- CreateIndex
CREATE INDEX "Initiative_areaId_status_idx" ON "Initiative"("areaId", "status");

-- CreateIndex
CREATE INDEX "InitiativeUnit_unitId_idx" ON "InitiativeUnit"("unitId");

-- AddForeignKey
ALTER TABLE "InitiativeUnit" ADD CONSTRAINT "InitiativeUnit_initiativeId_fkey" FOREIGN KEY ("initiativeId") REFERENCES "Initiative"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

