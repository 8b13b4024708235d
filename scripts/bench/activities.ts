/**
 * Teams-shaped activities for the answering benchmark, built from the test fixtures: a message in
 * a person's own chat, and an Action.Execute invoke from a card in it.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const FIXTURES = resolve(import.meta.dirname, "../../test/fixtures/activities");
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), "utf8")) as Record<string, unknown>;
const MESSAGE = fixture("message");
const INVOKE = fixture("invoke-action");

/** Who sends an activity, as Teams names them; their personal chat with the bot is theirs alone. */
export interface BenchPerson {
  id: string;
  name: string;
  aadObjectId: string;
}

let seq = 0;
const uid = () => `bench-${process.pid}-${Date.now().toString(36)}-${++seq}`;
const chatOf = (who: BenchPerson) => `a:personal-${who.id.replace(/^29:/, "")}`;

export function message(text: string, who: BenchPerson, serviceUrl: string): string {
  return JSON.stringify({ ...MESSAGE, id: uid(), text, serviceUrl, from: who, conversation: { ...(MESSAGE.conversation as object), id: chatOf(who) } });
}

export function invoke(verb: string, data: Record<string, unknown>, who: BenchPerson, serviceUrl: string): string {
  return JSON.stringify({ ...INVOKE, id: uid(), serviceUrl, from: who, conversation: { ...(INVOKE.conversation as object), id: chatOf(who) }, value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" } });
}
