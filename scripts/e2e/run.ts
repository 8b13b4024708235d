/**
 * `npm run test:e2e`: Læringsloop as people meet it in Teams. Starts the bot (local anonymous
 * mode, a fresh temporary database), three Microsoft 365 Agents Playground instances (Alex Wilber,
 * Børn og Unge-chef; Megan Bowen, dagtilbudsleder; Birthe Møller, the board's representative who
 * chairs the selvejende Kastanjen's læringssamtaler), and drives their web pages in Debian's
 * Chromium with playwright-core, clicking and typing as a person would. One line per step; a
 * screenshot per step in .e2e/screenshots (a failed step keeps its screenshot and says which).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { danishPublicHoliday } from "../../src/lib/danish-holidays.js";
import { addDays, localDateOf } from "../../src/lib/zoned-time.js";
import { formatDateLong } from "../../src/lib/format-da.js";

const ROOT = resolve(import.meta.dirname, "../..");
const OUT = join(ROOT, ".e2e");
const SHOTS = join(OUT, "screenshots");
const BOT_PORT = 39780;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const STEP_TIMEOUT = 20_000;

const dbDir = mkdtempSync(join(tmpdir(), "laeringsloop-e2e-"));
const dbFile = join(dbDir, "e2e.db");
const children: ChildProcess[] = [];
let browser: Browser | undefined;
let passed = 0;
let failed = 0;
let stepNo = 0;

function start(name: string, command: string, args: string[], env: Record<string, string>, cwd = ROOT): ChildProcess {
  // Own process group, so stopping it stops npx's children too.
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  child.on("exit", (code) => {
    if (code && code !== 0 && !shuttingDown) console.error(`${name} exited with ${code}:\n${log.slice(-2000)}`);
  });
  children.push(child);
  return child;
}

async function waitForHttp(url: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up`);
}

let shuttingDown = false;
async function shutdown(): Promise<void> {
  shuttingDown = true;
  await browser?.close().catch(() => undefined);
  for (const c of children) {
    try {
      if (c.pid) process.kill(-c.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  rmSync(dbDir, { recursive: true, force: true });
}

/** One scenario step: runs it, prints one line, keeps a screenshot. Later steps of a failed scenario are skipped. */
async function step(page: Page, scenario: string, name: string, fn: () => Promise<void>): Promise<boolean> {
  const shot = join(SHOTS, `${String(++stepNo).padStart(2, "0")}-${scenario}-${name.replace(/[^a-z0-9æøå]+/gi, "-").toLowerCase()}.png`);
  try {
    await page.bringToFront(); // keyboard focus goes to the tab in front, as for a person
    await fn();
    await page.screenshot({ path: shot, fullPage: true });
    passed += 1;
    console.log(`✓ ${scenario}: ${name}`);
    return true;
  } catch (err) {
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    failed += 1;
    console.log(`✗ ${scenario}: ${name} — ${(err as Error).message.split("\n").slice(0, 14).join(" ")} (screenshot ${shot})`);
    return false;
  }
}

const lastCard = (page: Page, text: string | RegExp): Locator => page.locator(".ac-adaptiveCard", { hasText: text }).last();

/** Waits until no card on the page shows `text` any more (a copy updated in place). */
async function expectNone(page: Page, text: string): Promise<void> {
  const until = Date.now() + STEP_TIMEOUT;
  while ((await page.locator(".ac-adaptiveCard", { hasText: text }).count()) > 0) {
    if (Date.now() > until) throw new Error(`a card still shows «${text}»`);
    await page.waitForTimeout(200);
  }
}

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator('[role="textbox"]').first();
  await box.click();
  await box.fill(text);
  await page.keyboard.press("Enter");
}

/** Does `act` and waits for a new card showing `cardText` (not an older one already on the page). */
async function newCard(page: Page, cardText: string | RegExp, act: () => Promise<void>): Promise<Locator> {
  const cards = page.locator(".ac-adaptiveCard", { hasText: cardText });
  const before = await cards.count();
  await act();
  const until = Date.now() + STEP_TIMEOUT;
  while ((await cards.count()) <= before) {
    if (Date.now() > until) throw new Error(`no new card with «${String(cardText)}»`);
    await page.waitForTimeout(200);
  }
  return cards.last();
}

/** Waits until the temporary database answers `n` (a row written after the card, e.g. an outbox row marked sent). */
async function untilCount(page: Page, read: () => number, n: number, what: string): Promise<void> {
  const until = Date.now() + STEP_TIMEOUT;
  while (read() !== n) {
    if (Date.now() > until) throw new Error(`${what} (${read()}, not ${n})`);
    await page.waitForTimeout(200);
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * Picks a date in an Input.Date's calendar (the Playground's Fluent UI picker) with the keyboard,
 * as a keyboard user would: the grid names its focused day (aria-activedescendant, labelled like
 * "22, November, 2026"); arrows move by days and weeks across months; Enter selects.
 */
async function pickDate(page: Page, input: Locator, date: Date): Promise<void> {
  await input.click();
  await page.waitForTimeout(300); // the calendar takes focus once it has opened
  const grid = page.locator('[role="grid"]:visible').last();
  const target = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  let last = "";
  let previous = "";
  const first = await grid.getAttribute("aria-activedescendant");
  if (first) await page.locator(`[id="${first}"]`).focus(); // e.g. after a dropdown, focus stays there
  for (let i = 0; i < 80; i++) {
    // The focused cell (a TD around the labelled day button) is where the arrows move.
    const label = await page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null; querySelector(s: string): { getAttribute(n: string): string | null } | null } | null } }).document.activeElement;
      return el?.getAttribute("aria-label") ?? el?.querySelector("button[aria-label]")?.getAttribute("aria-label") ?? null;
    });
    last = label ?? "";
    const [d, m, y] = last.split(", ");
    const focused = Date.UTC(Number(y), MONTHS.indexOf(m ?? ""), Number(d));
    if (Number.isNaN(focused)) throw new Error(`cannot read the calendar's focused day ("${label}")`);
    const days = Math.round((target - focused) / 86_400_000);
    if (days === 0) {
      await page.keyboard.press("Enter");
      return;
    }
    // Whole weeks first, then days; arrows do not wrap at a row's edge, so a sideways move
    // that did not move goes a week instead and comes back the other way.
    const stuck = last === previous;
    const key = days >= 7 || (stuck && days > 0) ? "ArrowDown" : days <= -7 || (stuck && days < 0) ? "ArrowUp" : days > 0 ? "ArrowRight" : "ArrowLeft";
    previous = key.startsWith("ArrowLeft") || key.startsWith("ArrowRight") ? last : "";
    await page.keyboard.press(key);
    await page.waitForTimeout(50);
  }
  throw new Error(`could not reach ${date.toDateString()} in the calendar (stuck at "${last}")`);
}

/** A calendar day `n` days from today in Copenhagen (the bot's and the browser's time zone). */
const daysFromNow = (n: number): Date => {
  const [y, m, d] = addDays(localDateOf(new Date(), "Europe/Copenhagen"), n).split("-").map(Number);
  return new Date(y!, m! - 1, d!);
};

async function chooseOption(page: Page, combobox: Locator, option: string): Promise<void> {
  await combobox.click();
  await page.getByRole("option", { name: option }).click();
}

/** A day for the meeting: two days ahead (clear of midnight), not a Danish public holiday. */
function nextWorkday(): Date {
  let n = 2;
  while (danishPublicHoliday(addDays(localDateOf(new Date(), "Europe/Copenhagen"), n))) n += 1;
  return daysFromNow(n);
}

async function main(): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  for (const port of [BOT_PORT, 56161, 56162, 56163]) {
    const busy = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
    if (busy) throw new Error(`port ${port} is in use (an earlier run still going?)`);
  }

  // Working hours around the clock, so the e2e run does not depend on when it runs.
  start("bot", "npx", ["tsx", "src/index.ts"], {
    NODE_ENV: "development",
    PORT: String(BOT_PORT),
    DATABASE_URL: `file:${dbFile}`,
    WORKDAYS: "1,2,3,4,5,6,7",
    WORKDAY_START: "00:00",
    WORKDAY_END: "23:59",
    CLOSED_DAYS: "",
    SCHEDULER_CRON: "*/2 * * * * *",
    LOG_LEVEL: "warn",
  });
  await waitForHttp(`http://127.0.0.1:${BOT_PORT}/healthz`);

  const playground = (port: number, config: string) =>
    start(`playground:${port}`, "npx", ["agentsplayground", "start", "-e", `http://127.0.0.1:${BOT_PORT}/api/messages`, "-c", "msteams", "--dt", "-p", String(port)], {
      TEAMSAPPTESTER_BROWSER: "none",
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: config,
      M365_AGENTS_PLAYGROUND_LOGFILE: join(OUT, `playground-${port}.log`),
    });
  playground(56161, join(ROOT, ".m365agentsplayground.yml"));
  playground(56162, join(ROOT, "playground/leader/.m365agentsplayground.yml"));
  playground(56163, join(ROOT, "playground/board/.m365agentsplayground.yml"));
  await waitForHttp("http://localhost:56161/");
  await waitForHttp("http://localhost:56162/");
  await waitForHttp("http://localhost:56163/");

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext({ locale: "da-DK", timezoneId: "Europe/Copenhagen", viewport: { width: 1200, height: 1400 } });
  context.setDefaultTimeout(STEP_TIMEOUT);
  const alex = await context.newPage();
  const megan = await context.newPage();
  const birthe = await context.newPage();
  const db = new Database(dbFile, { readonly: true });
  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  /** The personal link on a «Kalenderfil» card: downloaded once, an iCalendar file with `events` meetings. */
  const calendarFile = async (card: Locator, events: number) => {
    await card.waitFor();
    const href = await card.getByRole("link", { name: "Hent kalenderfilen" }).getAttribute("href");
    if (!href?.startsWith(`http://127.0.0.1:${BOT_PORT}/kalender/`)) throw new Error(`unexpected link ${href}`);
    const res = await fetch(href);
    const text = await res.text();
    if (res.status !== 200 || !res.headers.get("content-type")?.startsWith("text/calendar")) throw new Error(`the calendar file was not served (${res.status})`);
    const found = text.split("BEGIN:VEVENT").length - 1;
    if (!text.startsWith("BEGIN:VCALENDAR") || found !== events) throw new Error(`the calendar file holds ${found} meetings, not ${events}`);
    if ((await fetch(href)).status !== 410) throw new Error("the link worked twice");
  };

  // --- the leader installs and asks for help ---------------------------------------------------
  let ok = await step(megan, "leder", "installerer", async () => {
    await megan.goto("http://localhost:56162", { waitUntil: "networkidle" });
    await lastCard(megan, "Velkommen til Læringsloop").waitFor();
  });
  ok &&= await step(megan, "leder", "hjælp", async () => {
    await say(megan, "hjælp");
    await lastCard(megan, "Det kan Læringsloop").waitFor();
  });

  // --- the chief schedules a 1:1 ----------------------------------------------------------------
  const day = nextWorkday();
  let chiefOk = await step(alex, "chef", "installerer", async () => {
    await alex.goto("http://localhost:56161", { waitUntil: "networkidle" });
    await lastCard(alex, "Velkommen til Læringsloop").waitFor();
  });
  chiefOk &&= await step(alex, "chef", "planlægger 1:1", async () => {
    await say(alex, "planlæg 1:1");
    const card = lastCard(alex, "Planlæg 1:1 ledelsesopfølgning");
    await card.waitFor();
    await chooseOption(alex, card.locator('input[placeholder="Vælg leder"]'), "Megan Bowen, Dagtilbud Solsikken");
    await pickDate(alex, card.locator('input[aria-haspopup="dialog"]').first(), day);
    const time = card.locator('input[role="combobox"]').nth(2);
    await time.click();
    await time.fill("10:00");
    await alex.keyboard.press("Enter");
    await card.getByRole("button", { name: "Planlæg", exact: true }).click();
    await lastCard(alex, "er planlagt").waitFor();
    if (count("SELECT count(*) n FROM Meeting") !== 1) throw new Error("meeting not stored");
  });
  chiefOk &&= await step(alex, "chef", "«Føj til kalender» på bekræftelsen", async () => {
    const card = lastCard(alex, "er planlagt");
    // The chair's choice: Teams' own new-meeting form, filled in (opened in a browser, not followed here), or the .ics.
    // «Føj til kalender» opens a ShowCard. A card re-rendered while it is open shows it closed again (cards
    // arrive just then: the meeting pack goes out as the meeting is planned), and a person opens it once
    // more; so does the step (at most three times), until the .ics button inside has been clicked. Twice in
    // fresh-clone runs the content closed: once before it showed, once between showing and the click.
    const teamsLink = card.getByRole("link", { name: "Opret Teams-møde" }); // an Action.OpenUrl has the role «link»
    const icsButton = card.getByRole("button", { name: "Hent kalenderfil (.ics)" });
    for (let attempt = 1; ; attempt++) {
      if (!(await teamsLink.isVisible())) await card.getByRole("button", { name: "Føj til kalender" }).click();
      try {
        await teamsLink.waitFor({ timeout: 6_000 });
        await icsButton.click({ timeout: 6_000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    await calendarFile(lastCard(alex, "Kalenderfilen med 1:1 ledelsesopfølgningen"), 1);
  });

  // --- the leader receives the meeting pack and sends her reflection -----------------------------
  ok &&= chiefOk && (await step(megan, "leder", "modtager dagsorden og refleksionsguide", async () => {
    await lastCard(megan, "Dagsorden: 1:1 ledelsesopfølgning").waitFor();
    await lastCard(megan, "Refleksionsguide: 1:1 ledelsesopfølgning").waitFor();
  }));
  // The chief opens Megan's guide from his dagsorden before she sends it: his copy says so, and
  // shows her answers once she has sent them (a posted copy follows what it shows).
  chiefOk &&= ok && (await step(alex, "chef", "åbner lederens refleksionsguide fra dagsordenen", async () => {
    const agenda = lastCard(alex, "Dagsorden: 1:1 ledelsesopfølgning");
    await agenda.waitFor();
    await agenda.getByRole("button", { name: "Se refleksion" }).click();
    await alex.locator(".ac-adaptiveCard", { hasText: "Refleksionen er ikke sendt endnu" }).nth(1).waitFor();
  }));
  ok &&= await step(megan, "leder", "sender refleksion og ser den sendt", async () => {
    // The 1:1 guide asks two optional questions (config/templates, seed 002): sparring, then data or drift.
    const card = lastCard(megan, "Refleksionsguide: 1:1 ledelsesopfølgning");
    await card.getByRole("button", { name: "Intet nyt" }).waitFor();
    await card.locator("textarea").nth(0).fill("Vikardækning i uge 6.");
    await card.locator("textarea").nth(1).fill("Sprogvurderingerne viser et fald i børnehavegruppen.");
    await card.getByRole("button", { name: "Send refleksion" }).click();
    await lastCard(megan, "Din refleksion er sendt.").waitFor();
    await lastCard(megan, "Ret refleksion").waitFor();
    if (count("SELECT count(*) n FROM Reflection WHERE status = 'sent'") !== 1) throw new Error("reflection not stored as sent");
  });
  chiefOk &&= ok && (await step(alex, "chef", "ser lederens refleksion sendt i sin kopi", async () => {
    // Both of Alex's copies of her guide (from the meeting pack and from the dagsorden) now show her answers.
    await alex.locator(".ac-adaptiveCard", { hasText: "Vikardækning i uge 6." }).nth(1).waitFor();
    await expectNone(alex, "Refleksionen er ikke sendt endnu");
  }));

  // --- the chief records a decision and a follow-up, closes, sees the referat ---------------------
  chiefOk &&= await step(alex, "chef", "åbner opfølgningsskema", async () => {
    await say(alex, "mine møder");
    const list = lastCard(alex, "Mine møder");
    await list.waitFor();
    await list.getByRole("button", { name: "Opfølgningsskema" }).first().click();
    await lastCard(alex, "Opfølgningsskema: 1:1 ledelsesopfølgning").waitFor();
  });
  const form = () => lastCard(alex, "Opfølgningsskema: 1:1 ledelsesopfølgning");
  const fillRow = async (decision: string, followUp: string) => {
    const card = form();
    await card.locator("textarea").first().fill(decision);
    await card.locator('input[placeholder="Hvad skal gøres? (kan udelades)"]').first().fill(followUp);
    await chooseOption(alex, card.locator('input[placeholder="Vælg ansvarlig"]').first(), "Megan Bowen");
  };
  chiefOk &&= await step(alex, "chef", "gemmer et tomt skema tre gange", async () => {
    for (let i = 0; i < 3; i++) {
      await form().getByRole("button", { name: "Gem", exact: true }).click();
      await form().getByText("Intet at gemme – skemaet er tomt.").first().waitFor();
      // One empty row for a new decision, never a growing tail.
      const rows = await form().getByText(/^Beslutning \d+$/).allTextContents();
      if (rows.join(",") !== "Beslutning 1") throw new Error(`the empty form shows ${rows.join(", ")}`);
      await alex.waitForTimeout(300);
    }
    if (count("SELECT count(*) n FROM FormRevision") !== 0) throw new Error("an empty save was stored");
  });
  chiefOk &&= await step(alex, "forkert input", "frist i fortiden", async () => {
    await fillRow("Sprogvurderingerne gennemgås på personalemødet.", "Sætte sprogdata på dagsordenen");
    await pickDate(alex, form().locator('input[aria-haspopup="dialog"]').first(), daysFromNow(-20));
    await form().getByRole("button", { name: "Gem", exact: true }).click();
    await lastCard(alex, "Datoen er overstået").waitFor();
    if (count("SELECT count(*) n FROM FollowUp") !== 0) throw new Error("a follow-up with a past date was stored");
  });
  chiefOk &&= await step(alex, "forkert input", "tekst over grænsen", async () => {
    // The field stops typing at 500 characters; a modified client can send more, as here.
    const decision = form().locator("textarea").first();
    await decision.evaluate((node) => (node as unknown as { removeAttribute(n: string): void }).removeAttribute("maxlength"));
    await decision.fill("x".repeat(501));
    await form().getByRole("button", { name: "Gem", exact: true }).click();
    await lastCard(alex, "Teksten er 501 tegn, men der er plads til højst 500.").waitFor();
    if (count("SELECT count(*) n FROM Decision") !== 0) throw new Error("an over-long decision was stored");
  });
  chiefOk &&= await step(alex, "chef", "registrerer beslutning og opfølgningspunkt", async () => {
    await form().locator("textarea").first().fill("Sprogvurderingerne gennemgås på personalemødet.");
    await pickDate(alex, form().locator('input[aria-haspopup="dialog"]').first(), daysFromNow(20));
    await form().getByRole("button", { name: "Gem", exact: true }).click();
    await lastCard(alex, "Gemt kl.").waitFor();
    await lastCard(alex, "1 ny beslutning, 1 nyt opfølgningspunkt (version 1).").waitFor();
    if (count("SELECT count(*) n FROM FollowUp WHERE ownerId = 'megan'") !== 1) throw new Error("follow-up not stored");
  });
  chiefOk &&= await step(alex, "chef", "«Gem og afslut mødet» spørger først", async () => {
    await form().getByRole("button", { name: "Gem og afslut mødet" }).click();
    // The meeting is two days ahead: the confirmation says so, and what closing does.
    await form().getByText(/^Mødet er først .+ – vil du afslutte det allerede nu\?$/).waitFor();
    await form().getByText("referatet sendes til Megan Bowen og dig", { exact: false }).waitFor();
    await alex.waitForTimeout(500);
    if (count("SELECT count(*) n FROM Meeting WHERE status = 'closed'") !== 0) throw new Error("the meeting closed before it was confirmed");
  });
  chiefOk &&= await step(alex, "chef", "bekræfter, afslutter mødet og ser referatet", async () => {
    await form().getByRole("button", { name: "Ja, afslut mødet nu" }).click();
    await lastCard(alex, "Referat: 1:1 ledelsesopfølgning").waitFor();
    await lastCard(alex, "(MB følger op senest").waitFor();
    if (count("SELECT count(*) n FROM Meeting WHERE status = 'closed'") !== 1) throw new Error("the meeting is not closed");
  });

  // --- the owner marks the follow-up done -------------------------------------------------------
  ok &&= chiefOk && (await step(megan, "ansvarlig", "mine opgaver → Udført", async () => {
    await say(megan, "mine opgaver");
    const list = lastCard(megan, "Mine opgaver");
    await list.waitFor();
    await list.getByRole("button", { name: "Udført" }).first().click();
    await lastCard(megan, "Markeret som udført.").waitFor();
    await lastCard(megan, /Udført \d\d\.\d\d\.\d{4}/).waitFor();
    if (count("SELECT count(*) n FROM FollowUp WHERE status = 'done'") !== 1) throw new Error("follow-up not done in the database");
  }));

  // --- the chief's årshjul for the læringsloop ---------------------------------------------------
  const before = count("SELECT count(*) n FROM Meeting");
  chiefOk = await step(alex, "chef", "årshjul", async () => {
    await say(alex, "årshjul");
    const card = lastCard(alex, "Årshjul: Dagtilbud Solsikken");
    await card.waitFor();
    await card.getByText("4 læringssamtaler · 12 ledelsesopfølgninger (1:1) · 12 samtaler (1:1) med pædagogiske ledere").waitFor();
  });
  chiefOk &&= await step(alex, "forkert input", "flyt uden at vælge møde", async () => {
    const card = lastCard(alex, "Årshjul: Dagtilbud Solsikken");
    await card.getByRole("button", { name: "Flyt mødet" }).click();
    await lastCard(alex, "Vælg det møde, der skal flyttes.").waitFor();
    if (count("SELECT count(*) n FROM Meeting") !== before) throw new Error("a meeting was created or moved");
  });
  chiefOk &&= await step(alex, "chef", "godkender årshjulet", async () => {
    await lastCard(alex, "Årshjul: Dagtilbud Solsikken").getByRole("button", { name: "Godkend årshjul" }).click();
    await lastCard(alex, /Årshjulet er godkendt, og \d+ møder er oprettet\./).waitFor();
    if (count("SELECT count(*) n FROM Meeting WHERE kind = 'laeringssamtale'") !== 4) throw new Error("the four læringssamtaler were not created");
    if (count("SELECT count(*) n FROM YearWheel WHERE status = 'confirmed'") !== 1) throw new Error("the wheel is not confirmed");
  });
  chiefOk &&= await step(alex, "chef", "«Føj til kalender» på årshjulet", async () => {
    await lastCard(alex, /Årshjulet er godkendt/).getByRole("button", { name: "Føj til kalender" }).click();
    // One file with every meeting of the wheel the chief takes part in: the læringssamtaler and the 1:1s with Megan.
    const wheelMeetings = count("SELECT count(*) n FROM Meeting m JOIN YearWheelEntry e ON e.meetingId = m.id JOIN MeetingParticipant p ON p.meetingId = m.id WHERE p.personId = 'alex'");
    await calendarFile(lastCard(alex, /Kalenderfilen med \d+ møder, du deltager i/), wheelMeetings);
  });
  ok &&= chiefOk;

  // --- a selvejende dagtilbud: the board's short guide, and what the loop learned -----------------
  // Birthe Møller is Kastanjen's board representative: the board holds its læringssamtaler (seed 002).
  let boardOk = ok && (await step(alex, "chef", "godkender årshjulet for Kastanjen (selvejende)", async () => {
    const card = await newCard(alex, "Årshjul: Dagtilbud Solsikken", () => say(alex, "årshjul"));
    await chooseOption(alex, card.locator('input[role="combobox"]').last(), "Kastanjen (selvejende)");
    await card.getByRole("button", { name: "Vis enhed" }).click();
    const wheel = lastCard(alex, "Årshjul: Kastanjen (selvejende)");
    await wheel.waitFor();
    await wheel.getByRole("button", { name: "Godkend årshjul" }).click();
    await lastCard(alex, "Årshjul: Kastanjen (selvejende)").getByText(/Årshjulet er godkendt, og \d+ møder er oprettet\./).waitFor();
    if (count("SELECT count(*) n FROM Meeting WHERE unitId = 'kastanjen' AND kind = 'laeringssamtale' AND chairId = 'birthe'") !== 4) throw new Error("Kastanjen's four læringssamtaler, chaired by the board, were not created");
  }));
  boardOk &&= await step(birthe, "bestyrelse", "installerer", async () => {
    await birthe.goto("http://localhost:56163", { waitUntil: "networkidle" });
    await lastCard(birthe, "Velkommen til Læringsloop").waitFor();
  });
  const boardGuide = () => lastCard(birthe, /Refleksionsguide: Læringssamtale/);
  boardOk &&= await step(birthe, "bestyrelse", "åbner sin refleksionsguide til læringssamtalen", async () => {
    const list = await newCard(birthe, "Mine møder", () => say(birthe, "mine møder"));
    const card = await newCard(birthe, /Refleksionsguide: Læringssamtale/, () => list.getByRole("button", { name: "Refleksionsguide" }).first().click());
    // The board's own short set (config/templates, seed 002): its perspective and the focus areas, no datapakke question.
    await card.getByText("Du behøver ikke datapakken", { exact: false }).waitFor();
    await card.getByText("Hvad optager forældrene og bestyrelsen", { exact: false }).waitFor();
    if ((await card.getByText(/Datapakken:/).count()) !== 0) throw new Error("the board's guide asks about the datapakke");
    const fields = await card.locator("textarea").count();
    if (fields !== 2) throw new Error(`the board's guide has ${fields} questions, not 2`);
  });
  boardOk &&= await step(birthe, "bestyrelse", "sender sin refleksion", async () => {
    const card = boardGuide();
    await card.locator("textarea").nth(0).fill("Forældrerådet spørger til sprogarbejdet i vuggestuen.");
    await card.locator("textarea").nth(1).fill("Overgangen fra vuggestue til børnehave.");
    await card.getByRole("button", { name: "Send refleksion" }).click();
    await lastCard(birthe, "Din refleksion er sendt.").waitFor();
    if (count("SELECT count(*) n FROM Reflection WHERE authorId = 'birthe' AND status = 'sent' AND answers LIKE '%Forældrerådet%'") !== 1) throw new Error("the board's reflection is not stored as sent");
  });
  // The board closes the loop's four læringssamtaler (each before its day, confirmed: the e2e cannot wait two years).
  for (let n = 1; n <= 4 && boardOk; n++) {
    boardOk &&= await step(birthe, "bestyrelse", `afslutter læringssamtale ${n} af 4`, async () => {
      const list = await newCard(birthe, "Mine møder", () => say(birthe, "mine møder"));
      const form = await newCard(birthe, /Opfølgningsskema: Læringssamtale/, () => list.getByRole("button", { name: "Opfølgningsskema" }).first().click());
      await form.getByRole("button", { name: "Gem og afslut mødet" }).click();
      await form.getByText(/^Mødet er først .+ – vil du afslutte det allerede nu\?$/).waitFor();
      await form.getByRole("button", { name: "Ja, afslut mødet nu" }).click();
      await untilCount(birthe, () => count("SELECT count(*) n FROM Meeting WHERE unitId = 'kastanjen' AND status = 'closed'"), n, `læringssamtale ${n} was not closed`);
      await birthe.locator(".ac-adaptiveCard", { hasText: /Referat: Læringssamtale/ }).nth(n - 1).waitFor();
    });
  }
  boardOk &&= await step(alex, "chef", "modtager opsamlingen på læringsloopet for Kastanjen", async () => {
    const card = lastCard(alex, "Opsamling på læringsloopet: Kastanjen (selvejende)");
    await card.waitFor();
    await card.getByText("Læringsloopets fjerde læringssamtale er afsluttet", { exact: false }).waitFor();
    await untilCount(alex, () => count("SELECT count(*) n FROM Notification WHERE kind = 'loop_summary' AND personId = 'alex' AND status = 'sent'"), 1, "the loop summary is not sent once");
  });

  // --- the referat of a læringssamtale: the leader approves it, the chief sees it approved (decision 0027) ---
  // Alex closes Solsikken's first læringssamtale (before its day, confirmed); Megan takes part.
  let approvalOk = ok && (await step(alex, "chef", "afslutter Solsikkens første læringssamtale", async () => {
    const list = await newCard(alex, "Mine møder", () => say(alex, "mine møder"));
    // The first læringssamtale in his list, and its own «Opfølgningsskema» (the next button after its name).
    const formButton = list.getByText(/^Læringssamtale/).first().locator('xpath=following::button[normalize-space(.)="Opfølgningsskema" or @aria-label="Opfølgningsskema" or @title="Opfølgningsskema"][1]');
    const form = await newCard(alex, /Opfølgningsskema: Læringssamtale/, () => formButton.click());
    // One decision, so the referat approved has content.
    await form.locator("textarea").first().fill("Vi laver en plan for overgange mellem vuggestue og børnehave.");
    await form.getByRole("button", { name: "Gem og afslut mødet" }).click();
    await form.getByText(/^Mødet er først .+ – vil du afslutte det allerede nu\?$/).waitFor();
    await form.getByRole("button", { name: "Ja, afslut mødet nu" }).click();
    await untilCount(alex, () => count("SELECT count(*) n FROM Meeting WHERE unitId = 'solsikken' AND kind = 'laeringssamtale' AND status = 'closed'"), 1, "the læringssamtale was not closed");
    await lastCard(alex, /Referat: Læringssamtale/).getByText(/mangler: .*Megan Bowen/).waitFor();
    await lastCard(alex, /Referat: Læringssamtale/).getByText("Vi laver en plan for overgange mellem vuggestue og børnehave.").first().waitFor();
  }));
  approvalOk &&= await step(megan, "leder", "godkender referatet af læringssamtalen", async () => {
    const referat = lastCard(megan, /Referat: Læringssamtale/);
    await referat.waitFor();
    await referat.getByRole("button", { name: "Godkend referat" }).click();
    await lastCard(megan, /Referat: Læringssamtale/).getByText(/^Du godkendte referatet \d{1,2}\.\d{1,2}\.\d{4} kl\. \d\d\.\d\d\.$/).waitFor();
    await untilCount(megan, () => count("SELECT count(*) n FROM ReferatApproval WHERE personId = 'megan' AND version = 1"), 1, "the approval is not stored once");
  });
  approvalOk &&= await step(alex, "chef", "ser referatet godkendt af lederen", async () => {
    // His copy of the referat is updated in place (decision 0009): the approval line names Megan.
    await lastCard(alex, /Referat: Læringssamtale/).getByText(/Godkendt af Megan Bowen \d{1,2}\.\d{1,2}\.\d{4}/).waitFor();
  });
  ok &&= approvalOk;

  // --- a date as people say it ------------------------------------------------------------------
  ok = await step(megan, "leder", "fraværende til i morgen", async () => {
    await say(megan, "fraværende til i morgen");
    const today = localDateOf(new Date(), "Europe/Copenhagen");
    // «til» names the day she is back: her last day away is today, her reminders wait for tomorrow.
    const card = lastCard(megan, `Du er registreret som fraværende til og med ${formatDateLong(today)}.`);
    await card.waitFor();
    await card.getByText(`Dine påmindelser venter til ${formatDateLong(addDays(today, 1))}`, { exact: false }).waitFor();
    if (count("SELECT count(*) n FROM Preference WHERE personId = 'megan' AND absentUntil = ?", addDays(today, 1)) !== 1) throw new Error("the absence is not stored as until tomorrow");
  });
  db.close();
}

main()
  .catch((err: unknown) => {
    failed += 1;
    console.log(`✗ opsætning — ${(err as Error).message}`);
  })
  .finally(async () => {
    await shutdown();
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed > 0 ? 1 : 0);
  });
