/** Prisma's code for a unique-constraint violation (also through driver adapters). */
export const isUniqueViolation = (e: unknown): boolean =>
  typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
