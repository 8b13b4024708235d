import type { CardText } from "./markup.js";

/**
 * Errors a person can be told about. `code` is for code and logs; `text` is the Danish
 * sentence shown in the card (from the strings file), never a stack trace.
 */
export type ErrorCode =
  | "not-authorised"
  | "not-found"
  | "invalid-input"
  | "stale-card"
  | "meeting-started"
  | "meeting-closed"
  | "not-registered";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly text: CardText;
  /** Field-level messages, keyed by the input id in the card. */
  readonly fieldErrors: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, text: CardText, fieldErrors: Record<string, string> = {}) {
    super(`${code}: ${text}`);
    this.name = "AppError";
    this.code = code;
    this.text = text;
    this.fieldErrors = fieldErrors;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
