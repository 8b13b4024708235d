import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest } from "@azure/core-rest-pipeline";
import { toCompatResponse, type CompatResponse, type WebResourceLike } from "@azure/core-http-compat";
import type { ConnectorClientOptions } from "botframework-connector";
import type { Pacer } from "../lib/pacer.js";
import { currentPostAttempts, PostNoLongerOurs, PostNotNoted } from "./post-attempts.js";

/** Thrown when one attempt of a Bot Connector call does not complete in time. The activity may or may not have arrived. */
export class BotConnectorTimeoutError extends Error {
  override readonly name = "BotConnectorTimeoutError";
  readonly code = "ETIMEDOUT";
  constructor(readonly method: string, readonly url: string, readonly timeoutMs: number, options?: { cause?: unknown }) {
    super(`${method} ${new URL(url).origin} timed out after ${timeoutMs} ms`, options);
  }
}

/** Remembers request ids for a few minutes: a second sighting of one is botbuilder retrying it. */
function retriedRequests() {
  const seen = new Map<string, number>();
  const KEEP_MS = 5 * 60_000;
  return {
    isRetry(id: string): boolean {
      const now = Date.now();
      if (seen.size > 10_000) for (const [k, at] of seen) if (now - at > KEEP_MS) seen.delete(k);
      const again = seen.has(id);
      seen.set(id, now);
      return again;
    },
  };
}

/**
 * ConnectorClientOptions.httpClient with a deadline on every attempt (connect, headers and body).
 * botbuilder-stdlib 4.23.3 hands `httpClient` to core-client as the transport
 * (lib/azureCoreHttpCompat/serviceClientContext.js:56,64); the retry policy stays in front of it,
 * but does not retry this error (it only retries RestError: ts-http-runtime retryPolicy.js).
 */
export function connectorHttpClient(timeoutMs: number, pacer?: Pacer): NonNullable<ConnectorClientOptions["httpClient"]> {
  const transport = createDefaultHttpClient();
  const retries = retriedRequests();
  return {
    async sendRequest(req: WebResourceLike): Promise<CompatResponse> {
      const conversationId = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url)?.[1];
      const isPost = conversationId !== undefined && req.method === "POST";
      // botbuilder retries a 429 or 5xx inside the call: a retry is paced like a first post (the
      // first was paced before its turn began), so retries do not burst past Teams' limits.
      if (isPost && req.requestId && retries.isRetry(req.requestId) && pacer) await pacer.takeAgain(decodeURIComponent(conversationId));
      // Teams counts a post when it arrives: checked again here, as building the request took longer
      // for some than for others (pacer.ts atTheWire). Before the note: a wait after it would be
      // time in which a killed process leaves a post noted and never sent (decision 0005). The
      // note takes a database round trip, not always equally long: the windows count the request
      // when it really leaves, after the note (`left`), so that time is not in their headroom.
      const left = conversationId !== undefined && (req.method === "POST" || req.method === "PUT") && pacer ? await pacer.leaving(decodeURIComponent(conversationId)) : undefined;
      // An outbox post is noted as on its way here, right before its request leaves (each attempt),
      // and nowhere earlier: a process killed before this point has posted nothing (decision 0005).
      const post = isPost ? currentPostAttempts() : undefined;
      if (post) {
        let ours: boolean;
        try {
          ours = await post.leaving();
        } catch (err) {
          throw new PostNotNoted(err);
        }
        if (!ours) throw new PostNoLongerOurs("the outbox row was taken over before the post left");
      }
      left?.();
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = req.abortSignal ? AbortSignal.any([req.abortSignal as AbortSignal, deadline]) : deadline;
      try {
        const res = await transport.sendRequest(createPipelineRequest({
          url: req.url,
          method: req.method,
          headers: createHttpHeaders(req.headers.toJson({ preserveCase: true })),
          body: req.body,
          abortSignal: signal,
          requestId: req.requestId,
          streamResponseStatusCodes: req.streamResponseStatusCodes,
          proxySettings: req.proxySettings,
          agent: req.agent,
          // As botbuilder does: plain http only when the serviceUrl itself is http (serviceClientContext.js:62).
          allowInsecureConnection: new URL(req.url).protocol === "http:",
        }));
        // Refused (botbuilder may retry it): nothing is on its way until the retry is noted.
        if (post && (res.status === 429 || res.status >= 500)) await post.refused();
        // Keep the request botbuilder sent: core-client finds the operation (and turns 4xx/5xx into
        // RestError) through it (core-http-compat response.js toPipelineResponse -> util.js toPipelineRequest).
        return { ...toCompatResponse(res), request: req };
      } catch (err) {
        if (deadline.aborted) throw new BotConnectorTimeoutError(req.method, req.url, timeoutMs, { cause: err });
        throw err;
      }
    },
  };
}
