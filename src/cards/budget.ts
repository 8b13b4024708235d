import type { AdaptiveCard } from "./template.js";

/** Teams refuses cards over 28 KB; we keep a margin for the envelope around the card. */
export const CARD_BYTE_BUDGET = 27 * 1024;

export const cardBytes = (card: AdaptiveCard): number => Buffer.byteLength(JSON.stringify(card), "utf8");

/**
 * Builds the card at the first of `levels` (fullest first) that fits the budget; the last level
 * if none does. For cards that shorten texts or list fewer items step by step.
 */
export function fitLevels<T>(levels: readonly T[], build: (level: T) => AdaptiveCard, budget = CARD_BYTE_BUDGET): AdaptiveCard {
  let card = build(levels[0]!);
  for (let i = 1; i < levels.length && cardBytes(card) > budget; i++) card = build(levels[i]!);
  return card;
}

/** Text lengths to try, longest first, when a card's texts may be cut to fit. */
export const SHORTENINGS = [Infinity, 300, 150, 60] as const;

/**
 * Builds the card with the largest `n` (from `max` down to `min`) that fits the budget, e.g. how
 * many items to list or how many rows to keep editable. Returns the smallest variant if none fits.
 */
export function fitToBudget(max: number, min: number, build: (n: number) => AdaptiveCard, budget = CARD_BYTE_BUDGET): AdaptiveCard {
  let card = build(max);
  for (let n = max - 1; n >= min && cardBytes(card) > budget; n--) card = build(n);
  return card;
}
