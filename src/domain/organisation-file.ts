import { z } from "zod";
import { normaliseText } from "../lib/text.js";
import { DEFAULT_LOOP_START_DAY, derivationIssue, derivedLoopStart, isValidDayOfYear } from "./loop-start.js";

/**
 * The organisation file (YAML or JSON) the administration maintains: areas with their
 * Børn og Unge-chef, units with their leaders, and the people. Ids are the administration's
 * own short keys, stable across edits. Messages are Danish: they reach the administrator.
 */
const key = z
  .string({ required_error: "mangler", invalid_type_error: "skal være tekst" })
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "skal være en kort nøgle med små bogstaver, tal, - og _ (fx solsikken)");
/** Names are normalised as everything people type is (NFC, no invisible characters), then checked. */
const name = z
  .string({ required_error: "mangler", invalid_type_error: "skal være tekst" })
  .transform(normaliseText)
  .pipe(z.string().min(1, "må ikke være tom").max(200, "er for lang (højst 200 tegn)"));

/**
 * A Danish phone number: 8 digits, optionally after +45, spaces allowed. Stored as "+45 12 34 56 78"
 * (one shape, whatever was written).
 */
export const danishPhone = z
  .string({ invalid_type_error: "skal være et dansk telefonnummer (8 cifre, fx 12 34 56 78 eller +45 12 34 56 78)" })
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^(\+45)?\d{8}$/, "skal være et dansk telefonnummer (8 cifre, fx 12 34 56 78 eller +45 12 34 56 78)"))
  .transform((v) => {
    const d = v.slice(-8);
    return `+45 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`;
  });

const person = z
  .object({
    id: key,
    name,
    /**
     * The person's Entra object id (their Teams account). Absent: a person outside Teams
     * (decision 0025), only as a board or youth representative, reached by e-mail or phone and
     * their personal link; such a person needs an email or a phone.
     */
    aadObjectId: z.string({ invalid_type_error: "skal være tekst (personens Entra-objekt-id)" }).trim().min(1, "må ikke være tom (udelad den for en person uden Teams)").max(100).optional(),
    /** The person's address in Microsoft 365 (UPN): the attendees of «Føj til kalender»'s Teams meeting, the organiser in an .ics. */
    email: z
      .string({ invalid_type_error: "skal være tekst (personens e-mailadresse, fx megan.bowen@kommune.dk)" })
      .trim()
      .max(254, "er for lang (højst 254 tegn)")
      .email("er ikke en gyldig e-mailadresse (fx megan.bowen@kommune.dk)")
      .optional(),
    /** A person outside Teams' phone number (Danish; stored as "+45 12 34 56 78"). */
    phone: danishPhone.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.aadObjectId === undefined && !p.email && !p.phone) {
      ctx.addIssue({ code: "custom", path: ["aadObjectId"], message: "mangler: en person uden Teams (uden aadObjectId) skal have en e-mail eller et telefonnummer, så mødelederen kan give personen sit link" });
    }
  });

/** The unit and area lists whose people must have Teams (an aadObjectId), with the role as the refusal names it. */
const TEAMS_ROLES: Record<string, string> = {
  chiefs: "Børn og Unge-chef",
  consultants: "faglig konsulent",
  leaders: "leder",
  pedagogicalLeaders: "pædagogisk leder",
  staffRepresentatives: "medarbejderrepræsentant",
  departmentLeaderRepresentatives: "afdelingslederrepræsentant",
};

/**
 * An address people open from a card, as it is written: `https://host/…` (lower-case scheme, two
 * slashes, a host right after them), no spaces, no backslash, no user/password, and no invisible or
 * direction-changing character (U+200B, U+202E, …), which the card would strip from the text while
 * the button opened what the parser made of it. What is stored is the parsed `href`, so the button
 * opens exactly the address the file was checked for (decision 0021).
 */
const AS_WRITTEN = /^https:\/\/[^/\\?#@]+(?:[/?#][^\\]*)?$/;
const SPACE_OR_CONTROL = /[\s\p{Z}\p{Cc}]/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;
const datapakkeUrl = z
  .string({ invalid_type_error: "skal være en adresse som https://lis.kommune.dk/datapakke" })
  .trim()
  .max(2000, "er for lang (højst 2.000 tegn)")
  .superRefine((u, ctx) => {
    if (INVISIBLE.test(u)) {
      ctx.addIssue({ code: "custom", message: "indeholder et usynligt tegn eller en retningsmarkering (fx U+200B eller U+202E): skriv adressen igen uden" });
      return;
    }
    let ok = AS_WRITTEN.test(u) && !SPACE_OR_CONTROL.test(u);
    if (ok) {
      try {
        const url = new URL(u);
        ok = url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
      } catch {
        ok = false;
      }
    }
    if (!ok) ctx.addIssue({ code: "custom", message: "skal være en https-adresse uden mellemrum (fx https://lis.kommune.dk/datapakke)" });
  })
  .transform((u) => new URL(u).href);

const unit = z
  .object({
    id: key,
    name,
    type: z.enum(["dagtilbud", "skole", "fu"], { errorMap: () => ({ message: "skal være dagtilbud, skole eller fu" }) }),
    selvejende: z.boolean({ invalid_type_error: "skal være true eller false" }).default(false),
    leaders: z.array(key).min(1, "skal have mindst én leder"),
    /** pædagogiske ledere (dagtilbud) or the leadership team below the unit leader */
    pedagogicalLeaders: z.array(key).default([]),
    staffRepresentatives: z.array(key).default([]),
    boardRepresentatives: z.array(key).default([]),
    /** Children's and young people's representatives (FU's senat, a school's elevråd): the first læringssamtale of the loop. */
    youthRepresentatives: z.array(key).default([]),
    /**
     * FU only: the «afdelingslederrepræsentant» of the clubs' afdelingsledere (seed 002, FU's
     * proposal to the framework: «ledelsesfunktion på de enkelte matrikler på klubområdet»), an
     * obligatory participant of the unit's læringssamtaler.
     */
    departmentLeaderRepresentatives: z.array(key).default([]),
    /** What may weigh on the unit before its chief is told (intentionstrængsel, decision 0020); default from config. */
    intentionCeiling: z.number({ invalid_type_error: "skal være et tal" }).int("skal være et helt tal").min(1, "skal være mindst 1").max(100, "højst 100").optional(),
    /** The unit's datapakke per loop (loop id → an https address, e.g. in LIS): a button where input A is asked (decision 0021). */
    datapakker: z.record(key, datapakkeUrl, { invalid_type_error: "skal være loop-id'er med en adresse hver (fx 0-6-2027: https://lis.kommune.dk/…)" }).default({}),
  })
  .strict()
  .superRefine((u, ctx) => {
    // In a selvejende dagtilbud the board holds the læringssamtale: someone must represent it.
    if (u.selvejende && u.boardRepresentatives.length === 0) {
      ctx.addIssue({ code: "custom", path: ["boardRepresentatives"], message: "skal have mindst én bestyrelsesrepræsentant i et selvejende dagtilbud (bestyrelsen afholder læringssamtalen)" });
    }
    if (u.selvejende && u.type !== "dagtilbud") ctx.addIssue({ code: "custom", path: ["selvejende"], message: "kan kun være true for et dagtilbud" });
    if (u.type === "dagtilbud" && u.youthRepresentatives.length > 0) {
      ctx.addIssue({ code: "custom", path: ["youthRepresentatives"], message: "kan kun bruges for en skole eller et FU-område" });
    }
    if (u.type !== "fu" && u.departmentLeaderRepresentatives.length > 0) {
      ctx.addIssue({ code: "custom", path: ["departmentLeaderRepresentatives"], message: "kan kun bruges for et FU-område (afdelingslederrepræsentant for klubbernes afdelingsledere)" });
    }
  });

const theme = z
  .object({
    id: key,
    title: name,
  })
  .strict();

const isoDate = z
  .string({ required_error: "mangler", invalid_type_error: "skal være en dato som 2027-01-01" })
  // One message for one mistake: the shape first, then whether the day exists.
  .superRefine((d, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) ctx.addIssue({ code: "custom", message: "skal være en dato som 2027-01-01" });
    else if (Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || !new Date(`${d}T00:00:00Z`).toISOString().startsWith(d)) ctx.addIssue({ code: "custom", message: "er ikke en gyldig dato" });
  });

/**
 * A two-year læringsloop with the politically chosen themes, for some unit types. Its start is
 * either `year` (the year of the political discussion: the start is derived from the units' age
 * group and the file's `loopStartDay`, decision 0021) or an explicit `start` date instead of
 * `year` (never both), which is kept even where the rule would choose another year.
 */
const loop = z
  .object({
    id: key,
    name,
    start: isoDate.optional(),
    year: z
      .number({ invalid_type_error: "skal være et årstal som 2027" })
      .int("skal være et årstal som 2027")
      .min(2000, "skal være et årstal som 2027")
      .max(2200, "skal være et årstal som 2027")
      .optional(),
    unitTypes: z.array(z.enum(["dagtilbud", "skole", "fu"], { errorMap: () => ({ message: "skal være dagtilbud, skole eller fu" }) })).min(1, "skal nævne mindst én enhedstype"),
    themes: z.array(theme).min(1, "skal have mindst ét tema").max(10, "højst 10 temaer"),
  })
  .strict()
  .superRefine((l, ctx) => {
    if (l.start !== undefined && l.year !== undefined) {
      ctx.addIssue({ code: "custom", path: ["year"], message: "skriv enten year (året for den politiske drøftelse) eller start (en dato), ikke begge" });
    } else if (l.start === undefined && l.year === undefined) {
      ctx.addIssue({ code: "custom", path: ["year"], message: "mangler: skriv year (året for den politiske drøftelse, fx 2027), så udledes starten, eller start (en dato som 2027-03-01)" });
    } else if (l.year !== undefined) {
      const issue = derivationIssue(l.unitTypes, l.year);
      if (issue) ctx.addIssue({ code: "custom", path: ["year"], message: issue });
    }
  });

/** "MM-DD": the day a derived loop starts, right after the political discussion usually is (default 1 March). */
const loopStartDay = z
  .string({ invalid_type_error: "skal være en dag som 03-01 (måned-dag)" })
  .refine(isValidDayOfYear, "skal være en dag som 03-01 (måned-dag, ikke 29. februar)");

const area = z
  .object({
    id: key,
    name,
    chiefs: z.array(key).min(1, "skal have mindst én Børn og Unge-chef"),
    /** faglige konsulenter who join the area's læringssamtaler */
    consultants: z.array(key).default([]),
    units: z.array(unit).default([]),
  })
  .strict();

const shape = z
  .object({
    kommune: name.optional(),
    people: z.array(person).min(1, "skal have mindst én person"),
    areas: z.array(area).min(1, "skal have mindst ét område"),
    loopStartDay: loopStartDay.default(DEFAULT_LOOP_START_DAY),
    loops: z.array(loop).default([]),
  })
  .strict();

export interface OrganisationIssue {
  path: (string | number)[];
  message: string;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const field = (v: unknown, k: string): unknown => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined);

/**
 * Cross-references (unknown people, duplicates). Works on any input, valid or not, so one
 * rejection can list every problem in the file at once.
 */
export function organisationCrossReferenceIssues(raw: unknown): OrganisationIssue[] {
  const issues: OrganisationIssue[] = [];
  const ids = new Set<unknown>();
  const aad = new Set<unknown>();
  const emails = new Set<string>();
  list(field(raw, "people")).forEach((p, i) => {
    const id = field(p, "id");
    const a = field(p, "aadObjectId");
    if (id !== undefined && ids.has(id)) issues.push({ path: ["people", i, "id"], message: `"${String(id)}" står der to gange` });
    ids.add(id);
    if (a !== undefined && aad.has(a)) issues.push({ path: ["people", i, "aadObjectId"], message: "bruges af to personer" });
    if (a !== undefined) aad.add(a);
    const e = field(p, "email");
    const mail = typeof e === "string" ? e.trim().toLowerCase() : undefined;
    if (mail && emails.has(mail)) issues.push({ path: ["people", i, "email"], message: "bruges af to personer" });
    if (mail) emails.add(mail);
  });
  const known = (ref: unknown) => typeof ref === "string" && ids.has(ref);
  // People outside Teams (no aadObjectId): only board and youth representatives (decision 0025).
  const outside = new Map<unknown, string>();
  for (const p of list(field(raw, "people"))) {
    if (field(p, "aadObjectId") === undefined) outside.set(field(p, "id"), typeof field(p, "name") === "string" ? String(field(p, "name")) : String(field(p, "id")));
  }
  const needsTeams = (ref: unknown, listName: string, path: (string | number)[]) => {
    const who = outside.get(ref);
    if (who !== undefined && TEAMS_ROLES[listName]) {
      issues.push({ path, message: `${who} har ingen Teams-konto (intet aadObjectId) og kan ikke være ${TEAMS_ROLES[listName]}: kun bestyrelses- og ungerepræsentanter kan være uden Teams` });
    }
  };
  const areaIds = new Set<unknown>();
  const unitIds = new Set<unknown>();
  list(field(raw, "areas")).forEach((a, ai) => {
    const id = field(a, "id");
    if (areaIds.has(id)) issues.push({ path: ["areas", ai, "id"], message: `"${String(id)}" står der to gange` });
    areaIds.add(id);
    for (const listName of ["chiefs", "consultants"]) {
      list(field(a, listName)).forEach((c, ci) => {
        if (!known(c)) issues.push({ path: ["areas", ai, listName, ci], message: `"${String(c)}" findes ikke under people` });
        else needsTeams(c, listName, ["areas", ai, listName, ci]);
      });
    }
    list(field(a, "units")).forEach((u, ui) => {
      const uid = field(u, "id");
      if (unitIds.has(uid)) issues.push({ path: ["areas", ai, "units", ui, "id"], message: `"${String(uid)}" står der to gange` });
      unitIds.add(uid);
      for (const listName of ["leaders", "pedagogicalLeaders", "staffRepresentatives", "boardRepresentatives", "youthRepresentatives", "departmentLeaderRepresentatives"]) {
        list(field(u, listName)).forEach((l, li) => {
          if (!known(l)) issues.push({ path: ["areas", ai, "units", ui, listName, li], message: `"${String(l)}" findes ikke under people` });
          else needsTeams(l, listName, ["areas", ai, "units", ui, listName, li]);
        });
      }
      // A selvejende dagtilbud's first board representative chairs its læringssamtaler (decision 0023): in Teams.
      const chair = list(field(u, "boardRepresentatives"))[0];
      if (field(u, "selvejende") === true && known(chair) && outside.has(chair)) {
        issues.push({
          path: ["areas", ai, "units", ui, "boardRepresentatives", 0],
          message: `${outside.get(chair)} er den første bestyrelsesrepræsentant i et selvejende dagtilbud og holder derfor læringssamtalerne: skal have en Teams-konto (aadObjectId); sæt en bestyrelsesrepræsentant med Teams først`,
        });
      }
    });
  });
  const loopIds = new Set<unknown>();
  const loopTypes = new Map<unknown, unknown[]>(list(field(raw, "loops")).map((l) => [field(l, "id"), list(field(l, "unitTypes"))]));
  list(field(raw, "areas")).forEach((a, ai) => {
    list(field(a, "units")).forEach((u, ui) => {
      const datapakker = field(u, "datapakker");
      if (!datapakker || typeof datapakker !== "object" || Array.isArray(datapakker)) return;
      for (const loopId of Object.keys(datapakker)) {
        const types = loopTypes.get(loopId);
        if (!types) issues.push({ path: ["areas", ai, "units", ui, "datapakker", loopId], message: `"${loopId}" findes ikke under loops` });
        else if (!types.includes(field(u, "type"))) issues.push({ path: ["areas", ai, "units", ui, "datapakker", loopId], message: `læringsloopet "${loopId}" gælder ikke enhedstypen ${String(field(u, "type"))}` });
      }
    });
  });
  const byType = new Map<string, { start: string; index: number }[]>();
  list(field(raw, "loops")).forEach((l, li) => {
    const id = field(l, "id");
    if (loopIds.has(id)) issues.push({ path: ["loops", li, "id"], message: `"${String(id)}" står der to gange` });
    loopIds.add(id);
    const themeIds = new Set<unknown>();
    list(field(l, "themes")).forEach((t, ti) => {
      const tid = field(t, "id");
      if (themeIds.has(tid)) issues.push({ path: ["loops", li, "themes", ti, "id"], message: `"${String(tid)}" står der to gange` });
      themeIds.add(tid);
    });
    const start = loopStartOf(l, field(raw, "loopStartDay"));
    if (start === undefined) return;
    for (const type of list(field(l, "unitTypes"))) {
      if (typeof type !== "string") continue;
      const earlier = byType.get(type) ?? [];
      // Two loops for the same kind of unit may not overlap: a loop lasts two years.
      const clash = earlier.find((e) => Math.abs(Date.parse(e.start) - Date.parse(start)) < 2 * 365 * 86_400_000);
      if (clash) issues.push({ path: ["loops", li, "start"], message: `overlapper læringsloopet i loops[${clash.index}] for ${type} (et læringsloop varer to år)` });
      byType.set(type, [...earlier, { start, index: li }]);
    }
  });
  return issues;
}

/** A loop's start in a file that may not be valid: its own date, or the one derived from its year; undefined when neither can be read. */
function loopStartOf(l: unknown, day: unknown): string | undefined {
  const start = field(l, "start");
  if (typeof start === "string") return start;
  const year = field(l, "year");
  if (typeof year !== "number" || !Number.isInteger(year)) return undefined;
  return derivedLoopStart(year, typeof day === "string" && isValidDayOfYear(day) ? day : DEFAULT_LOOP_START_DAY);
}

/** The loop's end, exclusive: two years after its start. */
export const loopEnd = (start: string): string => `${Number(start.slice(0, 4)) + 2}${start.slice(4)}`;

export const organisationFileSchema = shape
  .superRefine((org, ctx) => {
    for (const i of organisationCrossReferenceIssues(org)) ctx.addIssue({ code: "custom", ...i });
  })
  // Every loop leaves with its start: its own, or the one derived from its year and age group.
  .transform((org) => ({
    ...org,
    loops: org.loops.map(({ year, start, ...l }) => ({ ...l, start: start ?? derivedLoopStart(year!, org.loopStartDay), ...(year === undefined ? {} : { year }) })),
  }));

export type OrganisationFile = z.infer<typeof organisationFileSchema>;

/** Validates a parsed file: the organisation, or every problem found (shape and references). */
export function validateOrganisation(raw: unknown): { ok: true; org: OrganisationFile } | { ok: false; issues: OrganisationIssue[] } {
  const parsed = organisationFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, org: parsed.data };
  const issues: OrganisationIssue[] = parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  // When the shape failed, zod skipped the reference checks: run them on the raw input too.
  const seen = new Set(issues.map((i) => `${i.path.join(".")}|${i.message}`));
  for (const i of organisationCrossReferenceIssues(raw)) if (!seen.has(`${i.path.join(".")}|${i.message}`)) issues.push(i);
  return { ok: false, issues };
}
