import { z } from "zod";
import type { TeamsDeps } from "../../deps.js";
import { execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { OPENABLE } from "../../command-suggestions.js";

/** The card a suggested command opens (the buttons under «Mente du …?»). */
const schema = z.object({ command: z.enum(OPENABLE) }).passthrough();

export const commandOpen = (deps: TeamsDeps, views: Views) =>
  execute(deps, verbs.commandOpen, schema, (t, data) => {
    switch (data.command) {
      case "help":
        return views.help(t.actor);
      case "schedule":
        return views.schedule(t.actor);
      case "yearWheel":
        return views.yearWheel(t.actor);
      case "reassign":
        return views.reassign(t.actor);
      case "initiatives":
        return views.initiatives(t.actor);
      case "myMeetings":
        return views.meetings(t.actor);
      case "myTasks":
        return views.tasks(t.actor);
      case "preferences":
        return views.preferences(t.actor);
    }
  });
