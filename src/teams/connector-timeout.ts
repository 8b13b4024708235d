import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest } from "@azure/core-rest-pipeline";
import { toCompatResponse, type CompatResponse, type WebResourceLike } from "@azure/core-http-compat";
import type { ConnectorClientOptions } from "botframework-connector";

/** Thrown when one attempt of a Bot Connector call does not complete in time. The activity may or may not have arrived. */
export class BotConnectorTimeoutError extends Error {
  override readonly name = "BotConnectorTimeoutError";
  readonly code = "ETIMEDOUT";
  constructor(readonly method: string, readonly url: string, readonly timeoutMs: number, options?: { cause?: unknown }) {
    super(`${method} ${new URL(url).origin} timed out after ${timeoutMs} ms`, options);
  }
}

/**
 * ConnectorClientOptions.httpClient with a deadline on every attempt (connect, headers and body).
 * botbuilder-stdlib 4.23.3 hands `httpClient` to core-client as the transport
 * (lib/azureCoreHttpCompat/serviceClientContext.js:56,64); the retry policy stays in front of it,
 * but does not retry this error (it only retries RestError: ts-http-runtime retryPolicy.js).
 */
export function connectorHttpClient(timeoutMs: number): NonNullable<ConnectorClientOptions["httpClient"]> {
  const transport = createDefaultHttpClient();
  return {
    async sendRequest(req: WebResourceLike): Promise<CompatResponse> {
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
