import type { TurnContext } from "botbuilder";
import type { TeamsDeps } from "../../deps.js";
import { turnLogger } from "../../turn.js";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { strings } from "../../../lib/strings.da.js";

/**
 * Last route: an invoke nothing else took (an unknown or missing verb, a forged or future
 * invoke). A card click gets a Danish answer in the card; anything else a 400. Never a 5xx.
 */
export const unknownInvoke = (deps: TeamsDeps) => async (context: TurnContext): Promise<void> => {
  const name = String(context.activity.name ?? "").slice(0, 40);
  turnLogger(deps, context).info({ outcome: "unknown-invoke", name }, "action");
  const value =
    name === "adaptiveCard/action"
      ? { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: buildNoticeCard(strings.generic.invalidCard, { tone: "error" }) } }
      : { status: 400, body: { error: "unsupported invoke" } };
  await context.sendActivity({ type: "invokeResponse", value });
};
