import { z } from "zod";
import { normaliseText } from "../lib/text.js";
import type { Meeting, MeetingKind, ParticipantRole } from "./types.js";
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
/** Input A, the quantitative datapakke: where the unit's datapakke link stands (decision 0021). */
export const DATAPAKKE_SOURCE: DataSource = "A";

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

const unique = <T extends { id: string }>(items: T[], ctx: z.RefinementCtx, field: string | string[]) => {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) ctx.addIssue({ code: "custom", path: [...[field].flat(), i, "id"], message: `"${it.id}" står der to gange` });
    seen.add(it.id);
  });
};

/**
 * The roles a refleksionsguide can be written for: the participant roles of a meeting (types.ts).
 * `chair` is the Børn og Unge-chef who holds the meeting; a board representative who chairs a
 * selvejende dagtilbud's læringssamtale answers the board's questions (guideRoleOf).
 */
export const guideRoles = ["chair", "leader", "paedagogisk_leder", "afdelingslederrepraesentant", "medarbejderrepraesentant", "bestyrelsesrepraesentant", "ungerepraesentant", "konsulent", "ad_hoc"] as const satisfies readonly ParticipantRole[];
export type GuideRole = (typeof guideRoles)[number];

const questions = z.array(question, { required_error: "mangler" }).min(1, "skal have mindst ét spørgsmål").max(12, "højst 12 spørgsmål");

/** One role's refleksionsguide: what that person can answer, with `required` for that role. */
const roleGuide = z
  .object({
    /** Said to this role instead of the common intro (e.g. the board, who need not open the datapakke). */
    intro: text(500).optional(),
    questions,
  })
  .strict();

/** The shape since seed 002's roles were read in (issue 21): one question set per role. */
const reflectionByRole = z
  .object({
    intro: text(500),
    roles: z
      .object(Object.fromEntries(guideRoles.map((r) => [r, roleGuide.optional()])) as Record<GuideRole, z.ZodOptional<typeof roleGuide>>, {
        required_error: "mangler",
        invalid_type_error: `skal have et sæt spørgsmål pr. rolle (${guideRoles.join(", ")})`,
      })
      .strict(`må kun have rollerne ${guideRoles.join(", ")}`)
      .refine((r) => Object.values(r).some(Boolean), `skal have spørgsmål til mindst én rolle (${guideRoles.join(", ")})`),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const [role, guide] of Object.entries(r.roles)) if (guide) unique(guide.questions, ctx, ["roles", role, "questions"]);
  });

/** The shape before: one set of questions for everyone who fills the guide. */
const reflectionForAll = z
  .object({
    intro: text(500),
    /** leader: only the meeting's leader fills the guide; participants: everyone does. */
    fillers: z.enum(["leader", "participants"], { errorMap: () => ({ message: "skal være leader eller participants" }) }),
    questions,
  })
  .strict()
  .superRefine((r, ctx) => unique(r.questions, ctx, "questions"));

export type ReflectionGuides = z.infer<typeof reflectionByRole>;
export type RoleGuide = z.infer<typeof roleGuide>;

/** The old shape as the new one: the leader's set (`fillers: leader`) or the same set for every role. */
const toRoles = (r: z.infer<typeof reflectionForAll>): ReflectionGuides => ({
  intro: r.intro,
  roles: Object.fromEntries((r.fillers === "leader" ? (["leader"] as const) : guideRoles).map((role) => [role, { questions: r.questions }])),
});

const hasKey = (raw: unknown, key: string): boolean => typeof raw === "object" && raw !== null && key in raw;

/**
 * `reflection` in either shape; the old one (one `questions` list for all, with `fillers`) is
 * migrated to one set per role. Errors name the fields as they stand in the file.
 */
const reflection = z.unknown().transform((raw, ctx): ReflectionGuides => {
  const byRole = hasKey(raw, "roles");
  const forAll = hasKey(raw, "questions") || hasKey(raw, "fillers");
  if (byRole && forAll) {
    ctx.addIssue({
      code: "custom",
      message: "skal have enten spørgsmål pr. rolle (roles) eller den gamle form med ét sæt til alle (fillers og questions), ikke begge (use either roles or the old fillers/questions, not both)",
    });
    return z.NEVER;
  }
  if (raw === undefined || (typeof raw === "object" && raw !== null && !byRole && !forAll)) {
    ctx.addIssue({ code: "custom", message: "mangler spørgsmål pr. rolle (roles) (reflection needs roles: one question set per role)" });
    return z.NEVER;
  }
  const parsed = byRole ? reflectionByRole.safeParse(raw) : reflectionForAll.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  }
  return "roles" in parsed.data ? parsed.data : toRoles(parsed.data);
});

/**
 * A template as stored before per-role guides (a meeting's snapshot in the database): the
 * reflection in the new shape. Snapshots were validated when they were taken, so only the shape changes.
 */
export function upgradeTemplateShape(raw: MeetingTemplate | (Omit<MeetingTemplate, "reflection"> & { reflection: unknown })): MeetingTemplate {
  const r = raw.reflection as Partial<z.infer<typeof reflectionForAll>> & Partial<ReflectionGuides>;
  if (r.roles || !r.questions) return raw as MeetingTemplate;
  return { ...raw, reflection: toRoles({ intro: r.intro ?? "", fillers: r.fillers ?? "participants", questions: r.questions }) };
}

export const meetingTemplateSchema = z
  .object({
    id: z.enum([templateIds.oneOnOne, templateIds.laeringssamtaleFirst, templateIds.laeringssamtaleLater, templateIds.leaderPl], {
      errorMap: () => ({ message: `skal være en af ${Object.values(templateIds).join(", ")}` }),
    }),
    name: text(120),
    durationMinutes: z.number({ required_error: "mangler", invalid_type_error: "skal være et antal minutter" }).int().min(15, "mindst 15").max(MAX_MEETING_MINUTES, `højst ${MAX_MEETING_MINUTES}`),
    agenda: z.array(agendaItem, { required_error: "mangler" }).min(1, "skal have mindst ét punkt").max(15, "højst 15 punkter"),
    reflection,
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
  });

export type MeetingTemplate = z.infer<typeof meetingTemplateSchema>;
export type TemplateQuestion = RoleGuide["questions"][number];

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

/**
 * Whose questions a participant answers: their own role's, except that a board representative
 * who chairs a selvejende dagtilbud's læringssamtale answers as the board does (seed 002: «I
 * selvejende dagtilbud er det bestyrelsen, som afholder læringssamtalen»).
 */
export function guideRoleOf(meeting: Pick<Meeting, "kind" | "unit">, role: ParticipantRole): GuideRole {
  if (role === "chair" && meeting.kind === "laeringssamtale" && meeting.unit.selvejende) return "bestyrelsesrepraesentant";
  return role;
}

/** The refleksionsguide a participant of the meeting gets (intro and questions), or undefined when their role is asked nothing. */
export function guideFor(template: MeetingTemplate, meeting: Pick<Meeting, "kind" | "unit">, role: ParticipantRole): { role: GuideRole; intro: string; questions: TemplateQuestion[] } | undefined {
  const guideRole = guideRoleOf(meeting, role);
  const guide = template.reflection.roles[guideRole];
  return guide ? { role: guideRole, intro: guide.intro ?? template.reflection.intro, questions: guide.questions } : undefined;
}

/** The guide is written by more people than the meeting's leader (a læringssamtale): the agenda lists each one's. */
export const guideIsShared = (template: MeetingTemplate): boolean => Object.entries(template.reflection.roles).some(([role, guide]) => guide && role !== "leader");
