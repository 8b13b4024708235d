import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the connector's transport tells the outbox about the attempts of one post: botbuilder
 * retries a 429 or 5xx inside `sendActivity`, out of the outbox's sight. The outbox's note
 * ("a post may be on its way") is cleared when an attempt is refused and made again before the
 * retry leaves, so a crash while botbuilder waits to retry does not count as a post that may
 * have arrived.
 */
export interface PostAttempts {
  /** Before a retry goes out: false when the row is no longer ours (the retry is not sent). */
  again(): Promise<boolean>;
  /** Teams refused an attempt: nothing of this post is on its way now. */
  refused(): Promise<void>;
}

const attempts = new AsyncLocalStorage<PostAttempts>();

/** Runs `send` with these hooks for the Bot Connector POSTs it makes. */
export const withPostAttempts = <T>(hooks: PostAttempts, send: () => Promise<T>): Promise<T> => attempts.run(hooks, send);

/** The hooks of the post being sent, if any (a POST outside the outbox has none). */
export const currentPostAttempts = (): PostAttempts | undefined => attempts.getStore();

/** A retry not sent because the row's lease was lost meanwhile. */
export class PostNoLongerOurs extends Error {
  override readonly name = "PostNoLongerOurs";
}
