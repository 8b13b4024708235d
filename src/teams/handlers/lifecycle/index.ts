import type { Application } from "@microsoft/teams-ai";
import type { TeamsDeps } from "../../deps.js";
import type { Views } from "../../views.js";
import { installationUpdate } from "./installation-update.js";
import { membersAdded } from "./members-added.js";
import { rememberConversation } from "./remember-conversation.js";

export function register(app: Application, deps: TeamsDeps, views: Views): void {
  app.activity("installationUpdate", installationUpdate(deps, views));
  app.conversationUpdate("membersAdded", membersAdded(deps));
  // Every message from a personal chat refreshes the stored reference (and greets a first-timer).
  app.turn("beforeTurn", async (context) => {
    if (context.activity.type === "message") await rememberConversation(deps, context, { greetUnknown: false });
    return true;
  });
}
