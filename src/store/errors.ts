/** Prisma's code for a unique-constraint violation (also through driver adapters). */
export const isUniqueViolation = (e: unknown): boolean =>
  typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";

/** Prisma's code for "the record to update or delete was not found" (also a version check that failed). */
export const isRecordNotFound = (e: unknown): boolean =>
  typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2025";
