import { z } from "zod";
import { normaliseText } from "../../../lib/text.js";

/** Building blocks for parsing Action.Execute data (the card's data merged with its inputs). */
export const id = z.string().trim().min(1).max(100);
/** A picker left empty arrives as "" (or not at all): both mean none chosen. */
export const pickedId = z.string().trim().max(100).optional().transform((v) => v || undefined);
/** Card versions arrive as numbers or numeric strings, depending on the client. */
export const version = z.coerce.number().int().min(0).max(1_000_000);
/**
 * Free text from an input, normalised (NFC, no control or invisible characters that carry nothing,
 * trimmed) before the domain checks it. Bounded only by the request's own limit (256 KB): a text
 * over the domain's limit must reach the domain, which says how long it was and keeps it in the card.
 */
export const text = z.string().max(262_144).transform(normaliseText);
export const optionalText = text.optional().default("");
export const localDate = z.string().max(40);

/** Where an "open" button was pressed, so that card can be given back as it was. */
export const from = z.enum(["meetings", "agenda"]).optional();

export const meetingRef = z.object({ meetingId: id, from });

/** «Send udtalelsen» (board.send): the card's data; the guest page parses its form with the same (src/web/guest-page.ts). */
export const boardStatementData = z.object({ meetingId: id, version, statement: optionalText });

/** The refleksionsguide's buttons: the card's data, its inputs q_<id> along (reflection-answers.ts); the guest page parses its form with the same. */
export const reflectionData = z.object({ meetingId: id, version }).catchall(z.unknown());

/** The guest page's referat form: «Godkend referat» or «Bemærkning til referatet» (the version it was shown; docs/decisions/0027). */
export const referatApprovalData = z.object({ referatVersion: version, handling: z.enum(["godkend", "bemaerkning"]), remark: optionalText });
