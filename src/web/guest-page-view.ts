import type { CardText } from "../lib/markup.js";
import { strings } from "../lib/strings.da.js";
import type { AgendaCardData } from "../cards/agenda-card.js";
import type { ReflectionCardData } from "../cards/reflection-card.js";
import type { boardStatementCardData } from "../cards/board-statement-card.js";
import type { ReferatCardData } from "../cards/referat-card.js";
import type { MeetingHeaderData } from "../cards/meeting-labels.js";
import { cardTextHtml, html, type Html } from "./html.js";
import { layout } from "./layout.js";

/**
 * The guest page's HTML (docs/decisions/0026-guest-page.md), drawn from the same data the cards are
 * drawn from (src/cards/*: agendaCardData, reflectionCardData, boardStatementCardData,
 * referatCardData), so a guest reads what a participant in Teams reads. Every value is escaped by
 * `html`; our own Markdown (question labels, notices) goes through `cardTextHtml`.
 */

export const GUEST_SECTIONS = ["dagsorden", "refleksion", "udtalelse", "referat"] as const;
export type GuestSection = (typeof GUEST_SECTIONS)[number];

export type StatementCardData = ReturnType<typeof boardStatementCardData>;

/** A field's error, linked from the summary at the top. */
export interface FieldProblem {
  /** The field's id (and name) in the form. */
  id: string;
  /** What the summary calls the field. */
  label: string;
  message: string;
}

/** What every page of one link shows around its section. */
export interface PageFrame {
  /** The page's own path, "/m/<token>": links and forms point below it. */
  base: string;
  section: GuestSection;
  sections: readonly GuestSection[];
  title: string;
  header: MeetingHeaderData & { statusLabel: string; status: string };
  personName: string;
  validUntil: string;
  notice?: CardText;
  error?: CardText;
  problems?: readonly FieldProblem[];
}

const g = strings.guestPage;
const sectionHref = (base: string, s: GuestSection) => (s === "dagsorden" ? base : `${base}/${s}`);

/** The error summary: what is wrong, each field's message a link to it (focusable: role=alert reads it at once). */
function summary(f: PageFrame): Html | undefined {
  const problems = f.problems ?? [];
  if (!f.error && problems.length === 0) return undefined;
  return html`<div class="summary" role="alert" aria-labelledby="fejl-overskrift" tabindex="-1" id="fejl">
<h2 id="fejl-overskrift">${g.errorSummary}</h2>
${f.error ? html`<p>${cardTextHtml(f.error)}</p>` : ""}
${problems.length ? html`<ul>${problems.map((p) => html`<li><a href="#${p.id}">${p.label} – ${p.message}</a></li>`)}</ul>` : ""}
</div>`;
}

function frame(f: PageFrame, heading: string, content: Html): string {
  const nav =
    f.sections.length > 1
      ? html`<nav class="sections" aria-label="${g.sectionsLabel}"><ul>${f.sections.map(
          (s) => html`<li><a href="${sectionHref(f.base, s)}"${s === f.section ? html` aria-current="page"` : ""}>${g.sections[s]}</a></li>`,
        )}</ul></nav>`
      : "";
  const h = f.header;
  const main = html`<h1>${f.title}</h1>
<p class="muted">${g.forPerson(f.personName)}</p>
<dl class="facts">
<dt>${h.whenLabel}</dt><dd>${h.when}</dd>
<dt>${h.unitLabel}</dt><dd>${h.unit}</dd>
${h.participants ? html`<dt>${h.participantsLabel}</dt><dd>${h.participants}</dd>` : ""}
<dt>${h.statusLabel}</dt><dd>${h.status}</dd>
</dl>
${nav}
${f.notice ? html`<div class="notice" role="status"><p>${cardTextHtml(f.notice)}</p></div>` : ""}
${summary(f)}
<section aria-labelledby="afsnit">
<h2 id="afsnit">${heading}</h2>
${content}
</section>
<footer class="muted"><p>${g.privateLink} ${f.validUntil}</p></footer>`;
  // A page with something to correct says so first in its title (what a screen reader reads on arrival).
  const flagged = f.error || (f.problems ?? []).length > 0 ? `${g.errorTitle} ` : "";
  return layout({ title: `${flagged}${g.sections[f.section]} · ${f.title}`, main });
}

const list = (items: readonly Html[]) => (items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : "");

/** The dagsorden as the agenda card shows it to a participant (read-only: its buttons are the chair's, or open other cards). */
export function agendaHtml(f: PageFrame, a: AgendaCardData): string {
  const item = (i: { label: string; minutes?: string }) => html`${i.label}${i.minutes ? html` <span class="muted">(${i.minutes})</span>` : ""}`;
  const content = html`${a.intro ? html`<p>${a.intro}</p>` : ""}
${a.circle ? html`<p>${a.circle}</p>` : ""}
${a.focusHeading ? html`<h3>${a.focusHeading}</h3>${a.focusIntro ? html`<p>${a.focusIntro}</p>` : ""}${list(a.focus.map((x) => html`${x.label}`))}` : ""}
${a.boardHeading ? html`<h3>${a.boardHeading}</h3><p>${a.boardText}</p>` : ""}
${
  a.sourcesHeading
    ? html`<h3>${a.sourcesHeading}</h3>${list(
        a.sources.map(
          (s) =>
            html`${s.label}${s.link ? html` – <a href="${s.link}">${a.datapakkeButton}</a>` : ""}${s.statements.map(
              (st) => html`<p><strong>${st.heading}</strong></p>${st.text ? html`<p class="answer">${st.text}</p>` : ""}`,
            )}`,
        ),
      )}`
    : ""
}
<h3>${a.standingHeading}</h3>
${list(a.standing.map(item))}
<h3>${a.carriedHeading}</h3>
${a.carriedNone ? html`<p>${a.carriedNone}</p>` : list(a.carried.map((c) => html`${c.label}`))}
<h3>${a.topicsHeading}</h3>
${a.topicsNone ? html`<p>${a.topicsNone}</p>` : list(a.topics.map(item))}
${list(a.closing.map(item))}
${
  a.indstillingHeading
    ? html`<h3>${a.indstillingHeading}</h3>${a.indstillinger.map((r) => html`<p><strong>${r.label}</strong></p><p class="answer">${r.value || r.stored}</p>`)}`
    : ""
}
${a.reflectionStatus ? html`<p>${a.reflectionStatus}</p>` : ""}
${a.reflectionsHeading ? html`<h3>${a.reflectionsHeading}</h3><p>${a.reflectionsCount}</p>${list(a.reflections.map((r) => html`${r.label}`))}` : ""}
${a.locked ? html`<p>${a.lockedText}</p>` : ""}`;
  return frame(f, g.sections.dagsorden, content);
}

/** Ids that describe a field: its error (when there is one) and its hint. */
const describedBy = (id: string, error: string, help: boolean) => [error ? `${id}-fejl` : "", help ? `${id}-tekst` : "", `${id}-hjaelp`].filter(Boolean).join(" ");

/** A text field: its label, its help and limit (both describing it), a link beside it (the datapakke), its error right above it. */
function textarea(o: { id: string; label: Html; help?: string; hint: string; value: string; error: string; placeholder?: string; beside?: Html }): Html {
  const by = describedBy(o.id, o.error, !!o.help);
  return html`<div class="field">
<label for="${o.id}">${o.label}</label>
${o.help ? html`<p class="hint" id="${o.id}-tekst">${o.help}</p>` : ""}
${o.beside}
<p class="hint" id="${o.id}-hjaelp">${o.hint}</p>
${o.error ? html`<p class="error" id="${o.id}-fejl">${o.error}</p>` : ""}
<textarea id="${o.id}" name="${o.id}" rows="6" aria-describedby="${by}"${o.error ? html` aria-invalid="true"` : ""}${o.placeholder ? html` placeholder="${o.placeholder}"` : ""}>${o.value}</textarea>
</div>`;
}

/** The person's own refleksionsguide: the same questions and marks as the card, the answers kept while it may be sent. */
export function guideHtml(f: PageFrame, r: ReflectionCardData, opts: { editable: boolean }): string {
  const action = `${f.base}/refleksion`;
  const content = opts.editable
    ? html`<p>${r.intro}</p>
${r.status ? html`<p>${r.status}</p>` : ""}
${r.nothingNewShown ? html`<p><strong>${r.nothingNewShown}</strong></p>` : ""}
<form method="post" action="${action}" novalidate>
<input type="hidden" name="version" value="${r.version}">
${r.questions.map((q) =>
  textarea({ id: q.inputId, label: cardTextHtml(q.label), help: q.help, hint: r.lengthHint, value: q.answer, error: q.error, beside: q.dataLink ? html`<p><a href="${q.dataLink}">${r.datapakkeButton}</a></p>` : undefined }),
)}
<p class="muted">${r.privacy}</p>
${r.nothingNewHint ? html`<p class="hint">${r.nothingNewHint}</p>` : ""}
<div class="actions">
<button type="submit" name="handling" value="send">${r.sendButton}</button>
${r.nothingNewButton ? html`<button type="submit" name="handling" value="intet-nyt" class="secondary">${r.nothingNewButton}</button>` : ""}
</div>
</form>`
    : html`<p>${r.intro}</p>
${r.status ? html`<p>${r.status}</p>` : ""}
${r.nothingNewShown ? html`<p><strong>${r.nothingNewShown}</strong></p>` : ""}
${r.questions.map((q) => html`<h3>${cardTextHtml(q.label)}</h3><p class="answer">${q.answerShown || g.notAnswered}</p>`)}
<p class="muted">${r.privacy}</p>`;
  return frame(f, g.sections.refleksion, content);
}

/** The board's udtalelse: the same form as the card (one text), with the unit's focus areas beside it. */
export function statementHtml(f: PageFrame, s: StatementCardData): string {
  const content = html`<p>${s.intro}</p>
${s.focusHeading ? html`<h3>${s.focusHeading}</h3>${list(s.focus.map((x) => html`${x.label}`))}` : ""}
${s.status ? html`<p>${s.status}</p>` : ""}
${
  s.editable
    ? html`<form method="post" action="${f.base}/udtalelse" novalidate>
<input type="hidden" name="version" value="${s.version}">
${textarea({ id: "statement", label: html`${s.label}`, hint: strings.generic.maxLengthHint(s.maxLength), value: s.value, error: s.statementError, placeholder: strings.board.placeholder })}
<div class="actions"><button type="submit">${s.sendButton}</button></div>
</form>`
    : s.value
      ? html`<p class="answer">${s.value}</p>`
      : ""
}`;
  return frame(f, g.sections.udtalelse, content);
}

/** Who approved the referat in force and who has not, and the person's own «Godkend» and remark while asked: the card's data (docs/decisions/0027). */
function approvalHtml(f: PageFrame, r: ReferatCardData, own: ReferatOwnPart): Html {
  if (!r.approvalLine && !r.approvedText && !r.remarkButton) return html``;
  const action = `${f.base}/referat`;
  const version = html`<input type="hidden" name="referatVersion" value="${r.approvalVersion}">`;
  return html`<h3>${g.approvalHeading}</h3>
${r.approvalLine ? html`<p>${r.approvalLine}${own.allApproved ? ` · ${strings.referatApproval.allApproved}` : ""}</p>` : ""}
${r.approvedText ? html`<p>${r.approvedText}</p>` : ""}
${own.remarks > 0 ? html`<p>${strings.referatApproval.yourRemarks(own.remarks)}</p>` : ""}
${r.approveButton ? html`<form method="post" action="${action}" novalidate>${version}<div class="actions"><button type="submit" name="handling" value="godkend">${r.approveButton}</button></div></form>` : ""}
${
  r.remarkButton
    ? html`<form method="post" action="${action}" novalidate>${version}
${textarea({ id: "remark", label: html`${r.remarkLabel}`, hint: strings.generic.maxLengthHint(r.remarkMax), value: r.remarkValue, error: r.remarkError, placeholder: r.remarkPlaceholder.replace(/\s*Højst.*$/, "") })}
<div class="actions"><button type="submit" name="handling" value="bemaerkning" class="secondary">${r.remarkSubmit}</button></div>
</form>`
    : ""
}`;
}

/** The referat in force, as the referat card shows it (the chair's «Genåbn mødet» is not the guest's), with its approval. */
/** What only the viewer sees of the approval: their own remarks (a remark is between its author and the chair), and whether everyone asked has approved. */
export interface ReferatOwnPart {
  remarks: number;
  allApproved: boolean;
}

export function referatHtml(f: PageFrame, r: ReferatCardData, own: ReferatOwnPart = { remarks: 0, allApproved: false }): string {
  const content = html`<h3>${r.title}</h3>
${r.correctedText ? html`<p>${r.correctedText}</p>` : ""}
${r.reopenedText ? html`<p>${r.reopenedText}</p>` : ""}
${r.erasedText ? html`<p>${r.erasedText}</p>` : ""}
${r.items.map(
  (it) => html`<h3>${it.heading}</h3>
${it.hasRecommendations ? html`<p><strong>${r.recommendsLabel}</strong></p>${list(it.recommendations.map((x) => html`${x.text}`))}` : ""}
${it.hasDecisions ? html`<p><strong>${r.decisionsLabel}</strong></p>${list(it.decisions.map((d) => html`<span class="answer">${d.text}</span>${d.followsUp ? html`<br>${d.followsUp}` : ""}`))}` : ""}`,
)}
${r.withoutDecisions ? html`<p>${r.withoutDecisions}</p>` : ""}
${r.carriedHeading ? html`<h3>${r.carriedHeading}</h3>${list(r.carried.map((c) => html`${c.text}`))}` : ""}
<p>${r.openSummary}</p>
${approvalHtml(f, r, own)}`;
  return frame(f, g.sections.referat, content);
}

/** Unknown, revoked, expired or mistyped: one polite page for all (no way to tell them apart). */
export function gonePage(): string {
  return layout({
    title: g.goneTitle,
    main: html`<h1>${g.goneTitle}</h1>
<p>${g.gone}</p>
<p>${g.goneAdvice}</p>`,
  });
}

/** A request the page cannot take (too large, not a form): said calmly, with the way back. */
export function problemPage(text: string, back?: string): string {
  return layout({ title: g.siteName, main: html`<h1>${g.siteName}</h1><p>${text}</p>${back ? html`<p><a href="${back}">${g.back}</a></p>` : ""}` });
}
