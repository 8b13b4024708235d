import { z } from "zod";

/**
 * The organisation file (YAML or JSON) the administration maintains: areas with their
 * Børn og Unge-chef, units with their leaders, and the people. Ids are the administration's
 * own short keys, stable across edits. Messages are Danish: they reach the administrator.
 */
const key = z
  .string({ required_error: "mangler", invalid_type_error: "skal være tekst" })
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "skal være en kort nøgle med små bogstaver, tal, - og _ (fx solsikken)");
const name = z.string({ required_error: "mangler", invalid_type_error: "skal være tekst" }).trim().min(1, "må ikke være tom").max(200);

const person = z
  .object({
    id: key,
    name,
    aadObjectId: z.string({ required_error: "mangler (personens Entra-objekt-id)" }).trim().min(1).max(100),
    email: z.string().email("er ikke en gyldig e-mailadresse").optional(),
  })
  .strict();

const unit = z
  .object({
    id: key,
    name,
    type: z.enum(["dagtilbud", "skole", "fu"], { errorMap: () => ({ message: "skal være dagtilbud, skole eller fu" }) }),
    selvejende: z.boolean({ invalid_type_error: "skal være true eller false" }).default(false),
    leaders: z.array(key).min(1, "skal have mindst én leder"),
  })
  .strict();

const area = z
  .object({
    id: key,
    name,
    chiefs: z.array(key).min(1, "skal have mindst én Børn og Unge-chef"),
    units: z.array(unit).default([]),
  })
  .strict();

export const organisationFileSchema = z
  .object({
    kommune: name.optional(),
    people: z.array(person).min(1, "skal have mindst én person"),
    areas: z.array(area).min(1, "skal have mindst ét område"),
  })
  .strict()
  .superRefine((org, ctx) => {
    const seen = new Map<string, number>();
    const aad = new Map<string, number>();
    org.people.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: "custom", path: ["people", i, "id"], message: `"${p.id}" står der to gange` });
      seen.set(p.id, i);
      if (aad.has(p.aadObjectId)) ctx.addIssue({ code: "custom", path: ["people", i, "aadObjectId"], message: "bruges af to personer" });
      aad.set(p.aadObjectId, i);
    });
    const unitIds = new Set<string>();
    const areaIds = new Set<string>();
    org.areas.forEach((a, ai) => {
      if (areaIds.has(a.id)) ctx.addIssue({ code: "custom", path: ["areas", ai, "id"], message: `"${a.id}" står der to gange` });
      areaIds.add(a.id);
      a.chiefs.forEach((c, ci) => {
        if (!seen.has(c)) ctx.addIssue({ code: "custom", path: ["areas", ai, "chiefs", ci], message: `"${c}" findes ikke under people` });
      });
      a.units.forEach((u, ui) => {
        if (unitIds.has(u.id)) ctx.addIssue({ code: "custom", path: ["areas", ai, "units", ui, "id"], message: `"${u.id}" står der to gange` });
        unitIds.add(u.id);
        u.leaders.forEach((l, li) => {
          if (!seen.has(l)) ctx.addIssue({ code: "custom", path: ["areas", ai, "units", ui, "leaders", li], message: `"${l}" findes ikke under people` });
        });
      });
    });
  });

export type OrganisationFile = z.infer<typeof organisationFileSchema>;
