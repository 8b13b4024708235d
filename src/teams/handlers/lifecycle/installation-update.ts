import type { TurnContext } from "botbuilder";
import type { TeamsDeps } from "../../deps.js";
import { turnLogger } from "../../turn.js";
import { isPersonal, rememberConversation } from "./remember-conversation.js";

/** installationUpdate: "add" stores the conversation and greets once; "remove" marks it inactive. */
export const installationUpdate = (deps: TeamsDeps) => async (context: TurnContext): Promise<void> => {
  const action = String(context.activity.action ?? "");
  if (action.startsWith("add")) {
    await rememberConversation(deps, context, { greetUnknown: true });
    return;
  }
  if (action.startsWith("remove") && isPersonal(context)) {
    const person = await deps.people.identify(context.activity.from?.aadObjectId);
    if (person) await deps.people.forget(person);
    turnLogger(deps, context).info({ outcome: person ? "uninstalled" : "uninstalled-unknown" }, "conversation");
  }
};
