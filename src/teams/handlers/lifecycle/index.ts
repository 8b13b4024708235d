import type { Application } from "@microsoft/teams-ai";
import type { TeamsDeps } from "../../deps.js";
import type { Views } from "../../views.js";
import { installationUpdate } from "./installation-update.js";
import { membersAdded } from "./members-added.js";
import { rememberConversation } from "./remember-conversation.js";
import { lifecycle } from "../../turn.js";

export function register(app: Application, deps: TeamsDeps, views: Views): void {
  app.activity("installationUpdate", lifecycle(deps, installationUpdate(deps, views)));
  app.conversationUpdate("membersAdded", lifecycle(deps, membersAdded(deps)));
  // Every message from a personal chat refreshes the stored reference (and greets a first-timer).
  const remember = lifecycle(deps, (context) => rememberConversation(deps, context, { greetUnknown: false }));
  app.turn("beforeTurn", async (context) => {
    if (context.activity.type === "message") await remember(context);
    return true;
  });
}
