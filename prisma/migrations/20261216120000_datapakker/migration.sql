-- CreateTable
CREATE TABLE "Datapakke" (
    "unitId" TEXT NOT NULL,
    "loopId" TEXT NOT NULL,
    "url" TEXT NOT NULL,

    PRIMARY KEY ("unitId", "loopId")
);
