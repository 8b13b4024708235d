import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the connector's transport tells the outbox about the attempts of one post. The outbox's
 * note ("a post may be on its way") is made by the transport right before each attempt's request
 * leaves the process: not before botbuilder has set up the turn (and, with credentials, fetched a
 * token), so a process killed before the request left has nothing noted and the row is sent after
 * the restart. botbuilder retries a 429 or 5xx inside `sendActivity`, out of the outbox's sight:
 * the note is cleared when an attempt is refused and made again before the retry leaves, so a
 * crash while botbuilder waits to retry does not count as a post that may have arrived either.
 */
export interface PostAttempts {
  /** Right before an attempt (the first or a retry) leaves: false when the row is no longer ours (nothing is sent). */
  leaving(): Promise<boolean>;
  /** Teams refused an attempt: nothing of this post is on its way now. */
  refused(): Promise<void>;
}

const attempts = new AsyncLocalStorage<PostAttempts>();

/** Runs `send` with these hooks for the Bot Connector POSTs it makes. */
export const withPostAttempts = <T>(hooks: PostAttempts, send: () => Promise<T>): Promise<T> => attempts.run(hooks, send);

/** The hooks of the post being sent, if any (a POST outside the outbox has none). */
export const currentPostAttempts = (): PostAttempts | undefined => attempts.getStore();

/** An attempt not sent because the row's lease was lost meanwhile. */
export class PostNoLongerOurs extends Error {
  override readonly name = "PostNoLongerOurs";
}

/**
 * The outbox could not note the attempt (its database failed): nothing was sent. Carries the
 * database's error, which is the outbox's to handle, not a network failure for botbuilder to retry.
 */
export class PostNotNoted extends Error {
  override readonly name = "PostNotNoted";
  constructor(cause: unknown) {
    super("the outbox could not note the post", { cause });
  }
}
