-- CreateTable
CREATE TABLE "Datapakke" (
    "unitId" TEXT NOT NULL,
    "loopId" TEXT NOT NULL,
    "url" TEXT NOT NULL,

    CONSTRAINT "Datapakke_pkey" PRIMARY KEY ("unitId","loopId")
);
