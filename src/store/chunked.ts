/**
 * Splits a long id list for `in` filters: Prisma refuses a query with more bound parameters than
 * the database allows (found by npm run bench with 5,000 people who had left).
 */
export const IN_LIST_MAX = 500;

export function chunked<T>(items: readonly T[], size = IN_LIST_MAX): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
