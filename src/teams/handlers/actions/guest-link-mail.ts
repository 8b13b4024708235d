import { z } from "zod";
import { strings } from "../../../lib/strings.da.js";
import type { TeamsDeps } from "../../deps.js";
import { answer, execute } from "../../turn.js";
import type { Views } from "../../views.js";
import { verbs } from "../../verbs.js";
import { id } from "./schemas.js";

const schema = z.object({ meetingId: id, personId: id, linkId: id });

/**
 * «Send link på e-mail» for one person outside Teams (GUEST_LINK_MAIL=graph; decision 0025): the
 * mail is queued once (a second click queues nothing) and goes from the chair's mailbox in the
 * Graph job; the answer is the chair's «Deltagere uden Teams» with the mail on its way.
 */
export const guestLinkMail = (deps: TeamsDeps, views: Views) =>
  execute(
    deps,
    verbs.guestLinkMail,
    schema,
    async (t, data) => {
      const { outcome, guest, effects } = await deps.guestLinkMail.request(t.actor, data.meetingId, data.personId, data.linkId);
      const notice = outcome === "queued" ? strings.guestLinkMail.answerQueued(guest.name) : strings.guestLinkMail.answerAlready(guest.name);
      return answer(await views.guestLinks(t.actor, data.meetingId, { notice }), effects);
    },
    (t, data, err) => views.guestLinks(t.actor, data.meetingId, { error: err.text }),
  );
