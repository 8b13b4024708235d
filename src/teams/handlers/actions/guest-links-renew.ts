import { z } from "zod";
import { noEffects } from "../../../domain/effects.js";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id } from "./schemas.js";

/** «Nyt link» for a participant outside Teams whose link the chair revoked (decision 0025). */
const schema = z.object({ meetingId: id, personId: id });

export const guestLinksRenew = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.guestLinksRenew,
    schema,
    async (t, data) => {
      await deps.guestLinks.renew(t.actor, data.meetingId, data.personId);
      const { meeting } = await deps.guestLinks.forChair(t.actor, data.meetingId);
      const name = meeting.participants.find((p) => p.person.id === data.personId)?.person.name ?? "";
      return answer(await views.guestLinks(t.actor, data.meetingId, { notice: strings.guestLinks.renewed(name) }), noEffects);
    },
    (t, data, err) => views.guestLinks(t.actor, data.meetingId, { error: err.text }),
  );
