import {
  AuthenticationConstants,
  ConnectorFactory,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from "botframework-connector";
import { Lru } from "../lib/lru.js";

/** Clients kept when not told otherwise: one per Teams region the bot is reached from, and a few more. */
const KEPT_CLIENTS = 64;

/**
 * botbuilder builds a new Bot Connector client (its HTTP pipeline and credentials) and a new
 * user-token client for every turn and every proactive send; building them was about 7 % of a
 * click's CPU (decision 0037). Here `auth` hands out the client made before for the same bot,
 * service URL and audience instead (the last `size` kept, the least recently used let go). A
 * client holds no turn's state: its credentials fetch and renew their token themselves, and its
 * options (deadline, pacer) are the adapter's. A client that could not be made is not kept.
 */
export function keepConnectorClients(auth: BotFrameworkAuthentication, size = KEPT_CLIENTS): void {
  const connectors = new Kept<ConnectorClient>(size);
  const userTokens = new Kept<UserTokenClient>(size);
  const keeping = (factory: ConnectorFactory, appId: string | undefined): ConnectorFactory => new KeptConnectorFactory(factory, appId, connectors);

  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (claims) => keeping(createConnectorFactory(claims), appIdOf(claims));

  const authenticateRequest = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: keeping(result.connectorFactory, appIdOf(result.claimsIdentity)) } : result;
  };

  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (claims) => userTokens.get(appIdOf(claims) ?? "", () => createUserTokenClient(claims));
}

class KeptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string | undefined,
    private readonly kept: Kept<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.kept.get(JSON.stringify([this.appId ?? "", serviceUrl, audience ?? ""]), () => this.inner.create(serviceUrl, audience));
  }
}

/** The bot's app id as botbuilder reads it from a turn's claims (its factories are made for it). */
function appIdOf(claims: ClaimsIdentity): string | undefined {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? undefined;
}

/** Promised values by key, the last `size` used; a promise that fails is let go. */
class Kept<T> {
  private readonly values: Lru<string, Promise<T>>;

  constructor(size: number) {
    this.values = new Lru(size);
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const found = this.values.get(key);
    if (found) return found;
    const made = make();
    this.values.set(key, made);
    made.catch(() => this.values.delete(key, made));
    return made;
  }
}
