/**
 * Damerau-Levenshtein distance (optimal string alignment): the number of single-character
 * insertions, deletions, substitutions and swaps of two neighbours that turn `a` into `b`.
 * «hjæp» → «hjælp» is 1, «opgaer» → «opgaver» is 1, «mine opgvaer» → «mine opgaver» is 1 (a swap).
 * Works on code points, so æ, ø and å count as one character each.
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[rows - 1]![cols - 1]!;
}

/** How many typos a word of this length may carry and still be recognised: none up to 3 characters, 1 up to 7, then 2. */
export const typoAllowance = (length: number): number => (length <= 3 ? 0 : length <= 7 ? 1 : 2);
