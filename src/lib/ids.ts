import { randomUUID } from "node:crypto";

/** Opaque ids for rows the bot creates (meetings, follow-ups, …). */
export const newId = (): string => randomUUID();
