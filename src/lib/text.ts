/**
 * Text a person typed, normalised before anything checks or stores it (docs/decisions/0011-people-text.md):
 * a required answer of only a zero-width space is empty, a comment of NUL characters is nothing,
 * and «Opfølgning» is the same string however the keyboard composed it.
 */

/** Line breaks of every kind become "\n". */
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;

/** Control characters (C0, DEL, C1) other than tab and newline: they carry nothing in a text. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Invisible characters that carry nothing in a plain text, or turn its reading order around:
 * zero-width space, word joiner and invisible operators, BOM, Mongolian vowel separator,
 * bidirectional embeddings, overrides and isolates (U+202A–E, U+2066–9), deprecated format
 * characters, and the Hangul fillers that look like nothing. (Marks such as U+200E/U+200F stay:
 * they only place punctuation in right-to-left text.)
 */
const INVISIBLE = /[\u200B\u2060-\u2064\u206A-\u206F\uFEFF\u180E\u202A-\u202E\u2066-\u2069\u115F\u1160\u3164\uFFA0]/g;

/**
 * Zero-width joiner and non-joiner: kept between two visible characters (an emoji sequence such
 * as 👩‍💻, or a script that needs them), removed where they join nothing.
 */
const JOINER = /[\u200C\u200D]/g;
const JOINS_NOTHING = /[\s\u200C\u200D]/;

/** What may stand around a text without being part of it (trimmed at both ends). */
const EDGE = /^[\s\u00AD\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u206F\uFEFF\u2800]+|[\s\u00AD\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u206F\uFEFF\u2800]+$/g;

/** A text with nothing in it to see: only spaces, marks, invisible and blank characters. */
const NOTHING_TO_SEE = /^[\s\p{M}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** The removals of `normaliseText`, without composing or trimming: for showing stored text. */
export function cleanForDisplay(text: string): string {
  const s = text.replace(LINE_BREAKS, "\n").replace(CONTROLS, "").replace(INVISIBLE, "");
  return s.replace(JOINER, (j, at: number, all: string) => (at > 0 && at < all.length - 1 && !JOINS_NOTHING.test(all[at - 1]!) && !JOINS_NOTHING.test(all[at + 1]!) ? j : ""));
}

/**
 * A person's text as the domain sees it: NFC; line breaks as "\n"; control characters other than
 * newline and tab removed; zero-width and bidirectional override/isolate characters that carry
 * nothing removed (a joiner inside an emoji sequence stays; letters of any language stay); then
 * trimmed. A text with nothing visible left is "".
 */
export function normaliseText(text: string): string {
  const s = cleanForDisplay(text.normalize("NFC")).replace(EDGE, "");
  return NOTHING_TO_SEE.test(s) ? "" : s;
}

/** An indstilling as written in the form, one «Det indstilles, at» line per non-empty line. */
export const indstillingLines = (text: string | undefined): string[] =>
  (text ?? "")
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);
