import { commandsFor } from "../../../cards/help-card.js";
import { buildNoticeCard } from "../../../cards/notice-card.js";
import { strings } from "../../../lib/strings.da.js";
import { OPENABLE, suggestCommands } from "../../command-suggestions.js";
import type { TeamsDeps } from "../../deps.js";
import { command, inChannel, type CommandScope } from "../../turn.js";

const openable = (id: string): boolean => (OPENABLE as readonly string[]).includes(id);

/**
 * Anything else typed to the bot (registered last). Close to one of the person's own commands (a
 * typo, an English word): «Mente du …?» with a button that opens it, or the exact text to type.
 * Otherwise a pointer to `hjælp`, with its button.
 */
export const unknown = (deps: TeamsDeps, _views: unknown, scopes: readonly CommandScope[]) =>
  command(
    deps,
    "unknown",
    async (t) => {
      const s = strings.help;
      const found = suggestCommands(String(t.context.activity.text ?? ""), commandsFor(await deps.people.audience(t.actor)));
      // The cards the buttons open belong in the personal chat: in a channel, only the words.
      const personal = !inChannel(t.context);
      const helpButton = { title: s.helpButton, command: "help" };
      if (found.length === 0) return buildNoticeCard(strings.generic.unknownCommand, { buttons: personal ? [helpButton] : [] });
      const text = found.length === 1 ? s.didYouMean(found[0]!.text) : s.didYouMeanEither(found[0]!.text, found[1]!.text);
      if (!personal) return buildNoticeCard(text, { hint: s.didYouMeanType });
      const buttons = found.filter((f) => openable(f.command)).map((f) => ({ title: s.openButton(f.text), command: f.command }));
      const hint = buttons.length === found.length ? s.didYouMeanHint : s.didYouMeanType;
      return buildNoticeCard(text, { hint, buttons: buttons.some((b) => b.command === "help") ? buttons : [...buttons, helpButton] });
    },
    { scopes },
  );
