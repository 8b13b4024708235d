import { z } from "zod";
import { normaliseText } from "../lib/text.js";
import type { Meeting, MeetingKind } from "./types.js";
import { MAX_MEETING_MINUTES } from "./meeting-clash.js";

/**
 * Meeting templates: the dagsorden, refleksionsguide and opfølgningsskema of each meeting type,
 * as data files the administration (fællesfunktionerne) maintains in `config/templates/`.
 * A meeting keeps a snapshot of its template; the snapshot follows the file until the meeting
 * pack is sent, so a change applies to every meeting not yet sent.
 */

export const templateIds = {
  oneOnOne: "1-1-ledelsesopfoelgning",
  laeringssamtaleFirst: "laeringssamtale-foerste",
  laeringssamtaleLater: "laeringssamtale-opfoelgende",
  leaderPl: "1-1-paedagogisk-leder",
} as const;

export type TemplateId = (typeof templateIds)[keyof typeof templateIds];

/** The læringscirkel: data → refleksion → beslutning → opfølgning. */
export const steps = ["data", "refleksion", "beslutning", "opfoelgning"] as const;
export type Step = (typeof steps)[number];

/** The data sources of a læringssamtale (seed 002, "Datagrundlag"). */
export const dataSources = ["A", "B", "C", "D", "E"] as const;
export type DataSource = (typeof dataSources)[number];

/** Template texts are normalised as everything people type is (NFC, no invisible characters), then checked. */
const text = (max: number) =>
  z
    .string({ required_error: "mangler", invalid_type_error: "skal være tekst" })
    .transform(normaliseText)
    .pipe(z.string().min(1, "må ikke være tom").max(max, `er for lang (højst ${max} tegn)`));
const key = z
  .string({ required_error: "mangler", invalid_type_error: "skal være tekst" })
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "skal være en kort nøgle med små bogstaver, tal, - og _");

const question = z
  .object({
    id: key,
    text: text(300),
    help: z.string().transform(normaliseText).pipe(z.string().max(500, "er for lang (højst 500 tegn)")).default(""),
    required: z.boolean({ required_error: "mangler (true eller false)", invalid_type_error: "skal være true eller false" }),
    source: z.enum(dataSources, { errorMap: () => ({ message: "skal være A, B, C, D eller E" }) }).optional(),
  })
  .strict();

const agendaItem = z
  .object({
    id: key,
    title: text(200),
    minutes: z.number({ invalid_type_error: "skal være et antal minutter" }).int("skal være et helt antal minutter").min(1, "skal være mindst 1").max(240, "højst 240").optional(),
    step: z.enum(steps, { errorMap: () => ({ message: "skal være data, refleksion, beslutning eller opfoelgning" }) }).optional(),
    /** Stays after the topics participants add (decisions and agreements). */
    closing: z.boolean({ invalid_type_error: "skal være true eller false" }).default(false),
  })
  .strict();

const unique = <T extends { id: string }>(items: T[], ctx: z.RefinementCtx, field: string) => {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) ctx.addIssue({ code: "custom", path: [field, i, "id"], message: `"${it.id}" står der to gange` });
    seen.add(it.id);
  });
};

export const meetingTemplateSchema = z
  .object({
    id: z.enum([templateIds.oneOnOne, templateIds.laeringssamtaleFirst, templateIds.laeringssamtaleLater, templateIds.leaderPl], {
      errorMap: () => ({ message: `skal være en af ${Object.values(templateIds).join(", ")}` }),
    }),
    name: text(120),
    durationMinutes: z.number({ required_error: "mangler", invalid_type_error: "skal være et antal minutter" }).int().min(15, "mindst 15").max(MAX_MEETING_MINUTES, `højst ${MAX_MEETING_MINUTES}`),
    agenda: z.array(agendaItem, { required_error: "mangler" }).min(1, "skal have mindst ét punkt").max(15, "højst 15 punkter"),
    reflection: z
      .object({
        intro: text(500),
        /** leader: only the meeting's leader fills the guide; participants: everyone does. */
        fillers: z.enum(["leader", "participants"], { errorMap: () => ({ message: "skal være leader eller participants" }) }),
        questions: z.array(question, { required_error: "mangler" }).min(1, "skal have mindst ét spørgsmål").max(12, "højst 12 spørgsmål"),
      })
      .strict(),
    form: z
      .object({
        /** The opfølgningsskema asks for an indstilling per agenda item (minutes' own shape). */
        recommendations: z.boolean({ invalid_type_error: "skal være true eller false" }).default(false),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((t, ctx) => {
    unique(t.agenda, ctx, "agenda");
    unique(t.reflection.questions, ctx, "reflection");
  });

export type MeetingTemplate = z.infer<typeof meetingTemplateSchema>;
export type TemplateQuestion = MeetingTemplate["reflection"]["questions"][number];

/** Every template, by id. The bot refuses to start without all four. */
export type TemplateSet = Readonly<Record<TemplateId, MeetingTemplate>>;

/** Which template a meeting follows. */
export function templateFor(kind: MeetingKind, firstOfLoop: boolean): TemplateId {
  if (kind === "laeringssamtale") return firstOfLoop ? templateIds.laeringssamtaleFirst : templateIds.laeringssamtaleLater;
  if (kind === "leader_pl") return templateIds.leaderPl;
  return templateIds.oneOnOne;
}

/** The standing agenda items a template gives a new (or not yet sent) meeting. */
export const standingItemsOf = (t: MeetingTemplate) => t.agenda.map((a) => ({ title: a.title, minutes: a.minutes, closing: a.closing, step: a.step }));

/** The template a meeting follows: its snapshot, or (a meeting from before snapshots) the current file. */
export const templateOf = (meeting: Pick<Meeting, "templateId" | "template">, templates: TemplateSet): MeetingTemplate =>
  meeting.template ?? templates[meeting.templateId];
