import type { CommandId } from "../cards/help-card.js";
import { editDistance, typoAllowance } from "../lib/edit-distance.js";
import { strings } from "../lib/strings.da.js";

/**
 * The ways people write each command, besides the command itself: the spelling without æ/ø/å,
 * the short form, the English word a newcomer tries first. Lower case, single spaces.
 */
const FORMS: Record<CommandId, readonly string[]> = {
  help: ["hjælp", "hjaelp", "hjelp", "help", "kommandoer", "hvad kan du", "hvad kan du gøre"],
  schedule: ["planlæg 1:1", "planlæg", "planlaeg", "planlæg en 1:1", "planlæg møde", "nyt møde", "schedule", "schedule meeting"],
  yearWheel: ["årshjul", "aarshjul", "årshjulet", "year wheel"],
  reassign: ["giv videre", "reassign"],
  initiatives: ["indsatser", "indsats", "forvaltningens indsatser", "initiatives"],
  myMeetings: ["mine møder", "mine moeder", "møder", "my meetings", "meetings"],
  myTasks: ["mine opgaver", "opgaver", "mine opfølgningspunkter", "my tasks", "tasks", "todo"],
  channelFollow: ["følg område", "foelg omraade", "follow area"],
  preferences: ["indstillinger", "påmindelser", "settings", "preferences"],
  absence: ["fraværende", "fravær", "fravaerende", "away", "absent", "out of office"],
};

/** The commands whose card a button can open (the others take an argument or belong in a channel). */
export const OPENABLE = ["help", "schedule", "yearWheel", "reassign", "initiatives", "myMeetings", "myTasks", "preferences"] as const satisfies readonly CommandId[];

export interface Suggestion {
  command: CommandId;
  /** The exact text to type. */
  text: string;
}

/** Lower case, no mention, no punctuation around the words (the «1:1» stays), single spaces. */
export function normaliseCommandText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .toLocaleLowerCase("da-DK")
    .replace(/[!?.,;"'()«»]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const typed = (id: CommandId): string => (id === "absence" ? strings.help.absenceExample : strings.help.commands[id].command);

/**
 * The command(s) a message that matched none was probably meant as: the nearest of `available`
 * within a few typos (more for longer words), one, or two when they are equally near. A
 * misspelt `fraværende` keeps what followed it: «fravarende til fredag» → «fraværende til fredag».
 */
export function suggestCommands(message: string, available: readonly CommandId[]): Suggestion[] {
  const text = normaliseCommandText(message);
  if (text === "" || text.length > 60) return [];
  const [first, ...rest] = text.split(" ");
  if (available.includes("absence") && rest.length > 0 && first && editDistance(first, "fraværende") <= typoAllowance(first.length)) {
    return [{ command: "absence", text: `fraværende ${rest.join(" ")}` }];
  }
  const near: { id: CommandId; distance: number }[] = [];
  for (const id of available) {
    let distance = Infinity;
    for (const form of FORMS[id]) {
      const d = editDistance(text, form);
      if (d <= typoAllowance([...form].length)) distance = Math.min(distance, d);
    }
    if (Number.isFinite(distance)) near.push({ id, distance });
  }
  if (near.length === 0) return [];
  const best = Math.min(...near.map((n) => n.distance));
  return near
    .filter((n) => n.distance === best)
    .slice(0, 2)
    .map((n) => ({ command: n.id, text: typed(n.id) }));
}
