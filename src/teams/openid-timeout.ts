import { AuthenticationError } from "botframework-connector";
import { StatusCodes } from "botframework-schema";
// Not re-exported by the package index; botframework-connector has no "exports" map, so the deep path resolves.
import { OpenIdMetadata } from "botframework-connector/lib/auth/openIdMetadata.js";

/** Thrown when the OpenID configuration or the signing keys (JWKS) do not arrive in time. */
export class OpenIdMetadataTimeoutError extends Error {
  override readonly name = "OpenIdMetadataTimeoutError";
  readonly code = "ETIMEDOUT";
  constructor(readonly url: string, readonly timeoutMs: number, options?: { cause?: unknown }) {
    super(`OpenID metadata fetch timed out after ${timeoutMs} ms: ${url}`, options);
  }
}

interface Jwk { kid?: string; n?: string; e?: string; endorsements?: string[] }
/** The private state refreshCache() maintains (botframework-connector 4.23.3 lib/auth/openIdMetadata.js:40-45, 88-89). */
interface OpenIdMetadataState { url: string; lastUpdated: number; keys?: Jwk[] }

/**
 * botframework-connector 4.23.3 fetches the OpenID configuration and the JWKS with node-fetch and
 * no timeout (lib/auth/openIdMetadata.js:83, 86), and offers no option for one. This replaces that
 * one method with the same logic under a single deadline for both requests and both bodies.
 * Call once at startup. Drops ConnectorClientOptions.proxySettings support for this fetch (unused here).
 */
export function installOpenIdMetadataTimeout(timeoutMs: number): void {
  const proto = OpenIdMetadata.prototype as unknown as { refreshCache(this: OpenIdMetadataState): Promise<void> };
  proto.refreshCache = async function refreshCache(this: OpenIdMetadataState): Promise<void> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const getJson = async (url: string, what: string): Promise<unknown> => {
      try {
        const res = await fetch(url, { signal: deadline });
        if (!res.ok) throw new AuthenticationError(`Failed to load ${what}: ${res.status}`, StatusCodes.INTERNAL_SERVER_ERROR);
        return await res.json();
      } catch (err) {
        if (deadline.aborted) throw new OpenIdMetadataTimeoutError(url, timeoutMs, { cause: err });
        throw err;
      }
    };
    const config = (await getJson(this.url, "openID config")) as { jwks_uri: string };
    const { keys } = (await getJson(config.jwks_uri, "Keys")) as { keys: Jwk[] };
    this.lastUpdated = Date.now();
    this.keys = keys;
  };
}
