import type { TurnContext } from "botbuilder";
import type { TeamsDeps } from "../../deps.js";
import { actorOf, cardActivity, inChannel, turnLogger } from "../../turn.js";
import type { Views } from "../../views.js";
import { channelTarget } from "../../channel-target.js";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { strings } from "../../../lib/strings.da.js";
import { isPersonal, rememberConversation } from "./remember-conversation.js";
import type { Effects } from "../../../domain/effects.js";

/** installationUpdate: "add" stores the conversation and greets once; "remove" marks it inactive. */
export const installationUpdate = (deps: TeamsDeps, views: Views) => async (context: TurnContext): Promise<Effects | void> => {
  const action = String(context.activity.action ?? "");
  if (action.startsWith("add") && inChannel(context)) {
    // Added to a team: the installer (a chief) links the channel to an area from this card.
    const person = await actorOf(deps, context);
    const card = person ? await views.channelLink(person, channelTarget(context).conversationId) : buildNoticeCard(strings.generic.notRegistered, { tone: "error" });
    await context.sendActivity(cardActivity(card));
    return;
  }
  if (action.startsWith("add")) return rememberConversation(deps, context, { greetUnknown: true });
  if (action.startsWith("remove") && inChannel(context)) {
    // Removed from a team: its channels follow nothing any more (nothing is posted there again).
    const teamId = channelTarget(context).teamId;
    const removed = teamId ? await deps.channels.forgetTeam(teamId) : 0;
    turnLogger(deps, context).info({ outcome: "removed-from-team", links: removed }, "conversation");
    return;
  }
  if (action.startsWith("remove") && isPersonal(context)) {
    const person = await actorOf(deps, context);
    if (person) await deps.people.forget(person);
    turnLogger(deps, context).info({ outcome: person ? "uninstalled" : "uninstalled-unknown" }, "conversation");
  }
};
