/**
 * Whether the bot may talk to a Bot Connector at `serviceUrl`: https on an allowed host
 * ("*.example.com" matches subdomains), or loopback where the config allows it (Playground,
 * tests). Keeps a stored or forged serviceUrl from making the bot call anywhere else.
 */
export function isAllowedServiceUrl(serviceUrl: unknown, hosts: readonly string[]): boolean {
  if (typeof serviceUrl !== "string") return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  const loopback = isLoopbackServiceUrl(serviceUrl);
  if (url.protocol !== "https:" && !(loopback && url.protocol === "http:")) return false;
  return hosts.some((h) => (h.startsWith("*.") ? host.endsWith(h.slice(1)) && host.length > h.length - 1 : host === h));
}

/** Whether `serviceUrl` is on this machine (the Agents Playground, tests); never allowed in production. */
export function isLoopbackServiceUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== "string") return false;
  try {
    const host = new URL(serviceUrl).hostname.toLowerCase();
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
  } catch {
    return false;
  }
}
