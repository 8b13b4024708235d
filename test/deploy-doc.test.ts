import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const DOC = read("docs/deploy.md");

/** Every .ts file under src/, as one text: what the bot can log or print. */
function sourceText(): string {
  const files = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? (d.name === "generated" ? [] : files(`${dir}/${d.name}`)) : d.name.endsWith(".ts") ? [`${dir}/${d.name}`] : [],
    );
  return files("src").map(read).join("\n");
}

/** The text of section `heading` (e.g. "### 3.4"), up to the next heading of any level. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n${heading}`);
  expect(start, `docs/deploy.md has no section ${heading}`).toBeGreaterThan(-1);
  const rest = DOC.slice(start + 1);
  const next = rest.slice(1).search(/\n#{2,3} /);
  return next === -1 ? rest : rest.slice(0, next + 1);
}

/**
 * docs/deploy.md shows excerpts of real files and quotes what the bot logs and prints, for the
 * administrator's alert rules and for reading a failed start. These keep them true: a changed
 * log line, outcome or message fails here rather than in an alert rule that never fires.
 */
describe("docs/deploy.md's excerpts and quotations", () => {
  it("shows only statements of the setup SQL that the file runs, as the file has them", () => {
    const excerpt = /```sql\n([\s\S]*?)```/.exec(section("### 3.4"))?.[1] ?? "";
    const shown = excerpt.split("\n").map((l) => l.trim()).filter(Boolean);
    expect(shown.length).toBeGreaterThan(5);
    const fileLines = new Set(read("docs/sql/postgresql-setup.sql").split("\n").map((l) => l.trim()));
    expect(shown.filter((line) => !fileLines.has(line))).toEqual([]);
  });

  it("explains every outcome the outbox logs for a row, in the alerts section's table", () => {
    const alerts = section("### 4.6");
    const table = alerts.slice(alerts.indexOf("| `outcome` |"));
    const documented = new Set([...table.slice(0, table.indexOf("\n\n")).matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]));
    // What deliverOne and its helpers return is what the "notification" line logs as `outcome`
    // (src/domain/delivery-service.ts; the reasons a row is cancelled come before waitForPerson).
    const service = read("src/domain/delivery-service.ts");
    const logged = new Set([...service.slice(service.indexOf("function waitForPerson")).matchAll(/return "([a-z-]+)";/g)].map((m) => m[1]));
    expect(logged).toContain("failed");
    expect(logged).toContain("waiting");
    expect([...logged].filter((o) => !documented.has(o))).toEqual([]);
  });

  it("shows the notification log line with the fields the bot writes", () => {
    const json = /```json\n(\{.*\})\n```/.exec(section("### 4.6"))?.[1];
    const example = JSON.parse(json ?? "{}") as Record<string, unknown>;
    const service = read("src/domain/delivery-service.ts");
    const call = /log\.info\(\{ ([^}]*) \}, "notification"\)/.exec(service)?.[1] ?? "";
    const fields = call.split(",").map((f) => f.split(":")[0]!.trim());
    expect(fields).toEqual(["notificationId", "kind", "outcome"]);
    // pino's own fields, the logger's base field, the scheduler's job field, then the call's.
    expect(Object.keys(example).sort()).toEqual(["level", "time", "app", "job", ...fields, "msg"].sort());
    expect(read("src/logger.ts")).toContain(`base: { app: "${String(example.app)}" }`);
    expect(readdirSync(join(ROOT, "src/scheduler/jobs"))).toContain(`${String(example.job)}.ts`);
    expect(example.msg).toBe("notification");
  });

  it("quotes only log messages the bot writes, in its queries and its text", () => {
    const src = sourceText();
    const quoted = new Set([...DOC.matchAll(/"msg":"([^"]+)"/g), ...DOC.matchAll(/e\.msg\) == "([^"]+)"/g)].map((m) => m[1]!));
    expect(quoted.size).toBeGreaterThan(3);
    expect([...quoted].filter((msg) => !src.includes(`"${msg}"`))).toEqual([]);
  });

  it("quotes the Danish start-up and upgrade messages as the bot prints them (placeholders aside)", () => {
    const src = sourceText();
    const messages = [...DOC.matchAll(/`([^`\n]+)`/g)]
      .map((m) => m[1]!)
      .filter((s) => s.length > 25 && /[æøå]|\b(er|ikke)\b/.test(s) && !/^\w+-Cs/.test(s)) // not the PowerShell commands
      .map((s) => s.replace(/^[A-Z_]+: /, "")); // a setting's error is shown after its key
    expect(messages.length).toBeGreaterThan(3);
    const fragments = messages.flatMap((m) => m.split(/<[^>]+>|…/).filter((f) => f.trim().length > 0));
    expect(fragments.filter((f) => !src.includes(f))).toEqual([]);
  });
});

describe("docs/deploy.md's personal data section (for the DPIA)", () => {
  it("accounts for every table of the database: in the table of personal data, or named as holding none", () => {
    const dpia = section("## 9.");
    const models = [...read("prisma/schema.prisma").matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!);
    expect(models.length).toBeGreaterThan(20);
    expect(models.filter((m) => !dpia.includes(`\`${m}\``))).toEqual([]);
  });

  it("says who sees a guest's data as the cards show it: the name to the participants, e-mail and phone only on the chair's card of links (decision 0025)", () => {
    const row = section("## 9.").split("\n").find((l) => l.includes("| Guests added ad hoc"))!;
    const seen = row.split("|")[6]!;
    expect(seen).toContain("the name: the meeting's participants (dagsorden, referat)");
    expect(seen).toContain("e-mail and phone: the chair's «Deltagere uden Teams» card");
  });
});
