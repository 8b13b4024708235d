/**
 * The default intentionstrængsel ceiling (INTENTION_CEILING), derived from what a unit of the
 * example organisation (config/organisation.example.yaml) carries when it works as the framework
 * says (decision 0020): per politically chosen theme of its loop one local focus area, and per
 * focus area one open agreement from its latest læringssamtale; and the forvaltning's initiatives
 * that reach a unit (one for its whole area, one for the unit itself). A unit at the ceiling is as
 * expected; one above it is the signal.
 */
export const EXPECTED_LOAD = {
  /** Seed 002: the unit chooses its local focus areas within the loop's themes, one per theme. */
  focusAreasPerTheme: 1,
  /** Each læringssamtale «ender i konkrete aftaler», followed up by the next: one per focus area. */
  agreementsPerFocusArea: 1,
  /** What the forvaltning starts that reaches one unit: one for the whole area, one for the unit. */
  forvaltningInitiatives: 2,
} as const;

/** The example organisation's loops each have three themes (0–6 and 6–18, 2027–2028). */
export const EXAMPLE_THEMES_PER_LOOP = 3;

/** The ceiling a unit of a loop with `themes` themes carries when all is well. */
export function expectedLoad(themes: number): number {
  const focusAreas = themes * EXPECTED_LOAD.focusAreasPerTheme;
  return focusAreas + focusAreas * EXPECTED_LOAD.agreementsPerFocusArea + EXPECTED_LOAD.forvaltningInitiatives;
}

/** INTENTION_CEILING's default: the example organisation's expected load (3 + 3 + 2 = 8). */
export const DEFAULT_INTENTION_CEILING = expectedLoad(EXAMPLE_THEMES_PER_LOOP);
