import { z } from "zod";
import { noEffects } from "../../../domain/effects.js";
import { AppError } from "../../../lib/errors.js";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id } from "./schemas.js";

/** «Ja, tilbagekald» behind «Tilbagekald link» on the chair's «Deltagere uden Teams» (decision 0025). */
const schema = z.object({ meetingId: id, linkId: id });

export const guestLinksRevoke = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.guestLinksRevoke,
    schema,
    async (t, data) => {
      // Whose link it is (the view also checks that the actor chairs the meeting).
      const { guests } = await deps.guestLinks.forChair(t.actor, data.meetingId);
      const name = guests.find((g) => g.link?.linkId === data.linkId)?.person.name;
      const outcome = name === undefined ? "not-chair" : await deps.guestLinks.revoke(t.actor, data.linkId);
      if (outcome === "not-chair") throw new AppError("invalid-input", strings.generic.notFound);
      const notice = outcome === "revoked" ? strings.guestLinks.revoked(name!) : strings.guestLinks.alreadyRevoked(name!);
      return answer(await views.guestLinks(t.actor, data.meetingId, { notice }), noEffects);
    },
    (t, data, err) => views.guestLinks(t.actor, data.meetingId, { error: err.text }),
  );
