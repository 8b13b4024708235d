/**
 * A count with its words in the form the number takes: `count(1, "åbent opfølgningspunkt",
 * "åbne opfølgningspunkter")` → "1 åbent opfølgningspunkt", `count(0, …)` → "0 åbne
 * opfølgningspunkter". Danish uses the singular for exactly one, the plural otherwise.
 */
export const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
