import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from "@azure/msal-node";

/** errorCode of the AuthError thrown when Entra ID does not answer in time. */
export const MSAL_TIMEOUT = "request_timeout";

/**
 * An MSAL network client (msal-node 2.16.3 `system.networkClient`) with a deadline on every GET
 * and POST. MSAL's own HttpClient has none for POSTs (dist/network/HttpClient.mjs:39-45, 172-244).
 * A timeout is thrown as an AuthError so MSAL passes it through unchanged
 * (msal-common 14.16.1 dist/client/BaseClient.mjs:127-132); any other failure becomes MSAL's
 * ClientAuthError "network_error" as before.
 */
export function timeoutNetworkClient(timeoutMs: number): INetworkModule {
  async function send<T>(method: "GET" | "POST", url: string, options?: NetworkRequestOptions, msalTimeout?: number): Promise<NetworkResponse<T>> {
    const ms = msalTimeout ? Math.min(msalTimeout, timeoutMs) : timeoutMs;
    const signal = AbortSignal.timeout(ms);
    try {
      const res = await fetch(url, { method, headers: options?.headers, body: method === "POST" ? (options?.body ?? "") : undefined, signal });
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = { error: res.status >= 500 ? "server_error" : res.status >= 400 ? "client_error" : "unknown_error", error_description: `HTTP ${res.status} ${res.statusText}` };
      }
      return { status: res.status, headers: Object.fromEntries(res.headers), body: body as T };
    } catch (err) {
      if (signal.aborted) {
        const e = new AuthError(MSAL_TIMEOUT, `${method} ${new URL(url).origin} timed out after ${ms} ms`);
        (e as Error).cause = err;
        throw e;
      }
      throw err;
    }
  }
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>("GET", url, options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>("POST", url, options),
  };
}
