// Not re-exported by the package index; botframework-connector has no "exports" map, so the deep path resolves.
import { OpenIdMetadata } from "botframework-connector/lib/auth/openIdMetadata.js";

/**
 * The signing keys (OpenID configuration and JWKS) could not be fetched: refused, unreachable, too
 * slow, an error status or not the expected JSON. Our side's failure, not the sender's: the
 * request is answered 503 (Teams tries again), never 401. The message names no URL (the address
 * is in `url`, for the log).
 */
export class SigningKeysUnavailableError extends Error {
  override readonly name: string = "SigningKeysUnavailableError";
  constructor(
    /** What went wrong, as a code: timeout, connection-refused, network, http-<status>, invalid-response. */
    readonly reason: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`Bot Framework signing keys unavailable (${reason})`, options);
  }
}

/** Thrown when the OpenID configuration or the signing keys (JWKS) do not arrive in time. */
export class OpenIdMetadataTimeoutError extends SigningKeysUnavailableError {
  override readonly name = "OpenIdMetadataTimeoutError";
  readonly code = "ETIMEDOUT";
  constructor(url: string, readonly timeoutMs: number, options?: { cause?: unknown }) {
    super("timeout", url, options);
  }
}

interface Jwk { kid?: string; n?: string; e?: string; endorsements?: string[] }
/** The private state refreshCache() maintains (botframework-connector 4.23.3 lib/auth/openIdMetadata.js:40-45, 88-89). */
interface OpenIdMetadataState { url: string; lastUpdated: number; keys?: Jwk[] }

/** The network error's code (fetch wraps it: TypeError "fetch failed" with the socket error as cause). */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } })?.cause;
  return cause?.code === "ECONNREFUSED" ? "connection-refused" : "network";
}

/**
 * botframework-connector 4.23.3 fetches the OpenID configuration and the JWKS with node-fetch and
 * no timeout (lib/auth/openIdMetadata.js:83, 86), and offers no option for one. This replaces that
 * one method with the same logic under a single deadline for both requests and both bodies, and
 * turns every way the fetch can fail into a SigningKeysUnavailableError (botbuilder's own throws
 * a TypeError for a refused connection, which reads as a bad token).
 * Call once at startup. Drops ConnectorClientOptions.proxySettings support for this fetch (unused here).
 */
export function installOpenIdMetadataTimeout(timeoutMs: number): void {
  const proto = OpenIdMetadata.prototype as unknown as { refreshCache(this: OpenIdMetadataState): Promise<void> };
  proto.refreshCache = async function refreshCache(this: OpenIdMetadataState): Promise<void> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const getJson = async (url: string): Promise<unknown> => {
      let res: Response;
      try {
        res = await fetch(url, { signal: deadline });
      } catch (err) {
        if (deadline.aborted) throw new OpenIdMetadataTimeoutError(url, timeoutMs, { cause: err });
        throw new SigningKeysUnavailableError(networkReason(err), url, { cause: err });
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new SigningKeysUnavailableError(`http-${res.status}`, url);
      }
      try {
        return await res.json();
      } catch (err) {
        if (deadline.aborted) throw new OpenIdMetadataTimeoutError(url, timeoutMs, { cause: err });
        throw new SigningKeysUnavailableError("invalid-response", url, { cause: err });
      }
    };
    const config = (await getJson(this.url)) as { jwks_uri?: unknown } | null;
    if (typeof config?.jwks_uri !== "string") throw new SigningKeysUnavailableError("invalid-response", this.url);
    const jwks = (await getJson(config.jwks_uri)) as { keys?: unknown } | null;
    if (!Array.isArray(jwks?.keys)) throw new SigningKeysUnavailableError("invalid-response", config.jwks_uri);
    this.lastUpdated = Date.now();
    this.keys = jwks.keys as Jwk[];
  };
}
