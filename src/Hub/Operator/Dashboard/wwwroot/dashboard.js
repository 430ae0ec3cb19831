// Operator dashboard: plain JS, no build. Every figure comes from /api/operator with the operator key,
// which is kept in sessionStorage only (gone when the tab closes). Text is always set with textContent.
"use strict";

const KEY = "integrationhub.operatorKey";
const PAGE_SIZE = 25;
const TIME = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam", weekday: "short", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
});

const STATES = {
  "submitted": ["Submitted", "ingediend"],
  "delivered": ["Delivered, awaiting receipt", "afgeleverd"],
  "receipt-confirmed": ["Receipt confirmed", "ontvangst bevestigd"],
  "care-started": ["Care started", "zorg gestart"],
  "completed": ["Completed", "afgerond"],
  "rejected": ["Rejected by receiver", "afgewezen"],
  "withdrawn": ["Withdrawn", "ingetrokken"],
};
const DEADLINES = {
  "receipt": "receipt confirmation (ontvangstbevestiging)",
  "care-started": "care started (start zorg)",
  "progress": "progress report (voortgang)",
  "aftercare-plan": "aftercare plan (nazorgplan)",
  "delivery": "delivery by the hub (aflevering)",
  "reroute": "re-route by the sender (doorverwijzing)",
  "waiting": "expected start after the waiting list (wachtlijst)",
  "acknowledgement": "acknowledgement of a notice (bevestiging)",
  "compliance": "compliance with a decision (besluit nakomen)",
  "transition": "transition plan 18-/18+ (overgangsplan)",
  "request": "escalation on request (op verzoek)",
};
const LEVELS = { 1: "1 operational", 2: "2 management", 3: "3 administrative" };

const pages = { overdue: 1, escalations: 1, rejects: 1, leadtimes: 1 };
let selected = null;

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const when = (iso) => (iso ? TIME.format(new Date(iso)) : "—");
const shortId = (id) => id.slice(0, 8);
const stateLabel = (s) => (STATES[s] ? `${STATES[s][0]} (${STATES[s][1]})` : s);
const deadlineLabel = (k) => DEADLINES[k] || k;
const hours = (h) => (h === null || h === undefined ? "—" : h.toLocaleString("en-GB", { maximumFractionDigits: 1 }));

class AccessError extends Error {}

async function api(path, options) {
  const response = await fetch("/api/operator" + path, {
    ...options,
    headers: { "Authorization": "Bearer " + sessionStorage.getItem(KEY), ...(options && options.headers) },
  });
  if (response.status === 401 || response.status === 403) {
    const problem = await response.json().catch(() => ({}));
    throw new AccessError(problem.detail || problem.title || "The key was not accepted.");
  }
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

function table(headers, rows, emptyText) {
  if (rows.length === 0) return el("p", { class: "empty" }, emptyText);
  return el("table", {},
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { class: h.num ? "num" : null }, h.text || h)))),
    el("tbody", {}, rows));
}

function pager(name, page, render) {
  const last = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (page.total <= page.pageSize) return el("div", { class: "pager" }, `${page.total} in total`);
  const from = (page.page - 1) * page.pageSize + 1;
  const to = Math.min(page.total, page.page * page.pageSize);
  const go = (p) => async () => { pages[name] = p; await render(); };
  return el("div", { class: "pager" },
    el("button", { type: "button", class: "secondary", disabled: page.page <= 1, onclick: go(page.page - 1) }, "‹ Previous"),
    `${from}–${to} of ${page.total}`,
    el("button", { type: "button", class: "secondary", disabled: page.page >= last, onclick: go(page.page + 1) }, "Next ›"));
}

function handoverRow(id, cells) {
  const open = () => showTimeline(id).catch((error) => {
    if (error instanceof AccessError) signOut(error.message);
    else $("load-error").textContent = "Could not load the timeline: " + error.message;
  });
  return el("tr", {
    class: "clickable" + (selected === id ? " selected" : ""), tabindex: "0", "data-handover": id, onclick: open,
    onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } },
  }, cells);
}

async function renderCounts() {
  const c = await api("/counts");
  const tile = (n, label, nl, alert) => el("div", { class: "tile" + (alert && n > 0 ? " alert" : "") },
    el("div", { class: "n" }, n), el("div", { class: "label" }, label), el("span", { class: "nl" }, nl));
  $("counts").replaceChildren(
    ...Object.entries(STATES).map(([key, [label, nl]]) => tile(c.byState[key] ?? 0, label, nl, false)),
    tile(c.overdue, "Overdue", "termijn verstreken", true),
    tile(c.escalated, "Escalated", "opgeschaald", true),
    tile(c.rejectsNotReplayed, "Rejected messages not replayed", "afgewezen berichten", true),
    tile(c.total, "All handovers", "totaal", false));
}

async function renderOverdue() {
  const page = await api(`/handovers?overdue=true&page=${pages.overdue}&pageSize=${PAGE_SIZE}`);
  const rows = page.items.map((h) => handoverRow(h.handoverId, [
    el("td", {}, el("span", { class: "mono" }, shortId(h.handoverId))),
    el("td", {}, h.sender), el("td", {}, h.receiver), el("td", {}, h.urgency),
    el("td", {}, stateLabel(h.state)),
    el("td", {}, when(h.submittedAt)),
    el("td", {}, h.openEscalationLevel > 0 ? el("span", { class: "badge level" }, "level " + LEVELS[h.openEscalationLevel]) : "none"),
  ]));
  $("overdue").replaceChildren(
    table(["Handover", "From (sender)", "To (receiver)", "Urgency", "State", "Submitted", "Escalation"], rows,
      "Nothing is overdue. Every awaited feedback arrived in time."),
    pager("overdue", page, renderOverdue));
}

async function renderEscalations() {
  const page = await api(`/escalations?page=${pages.escalations}&pageSize=${PAGE_SIZE}`);
  const rows = page.items.map((e) => handoverRow(e.handoverId, [
    el("td", {}, el("span", { class: "badge level" }, LEVELS[e.level] || e.level)),
    el("td", {}, el("span", { class: "mono" }, shortId(e.handoverId))),
    el("td", {}, `${e.sender} → ${e.receiver}`),
    el("td", {}, deadlineLabel(e.deadlineKind)),
    el("td", {}, when(e.overdueSince)),
    el("td", {}, when(e.raisedAt)),
    el("td", {}, e.addressees.join("; ")),
  ]));
  $("escalations").replaceChildren(
    table(["Level", "Handover", "Sender → receiver", "Awaited", "Overdue since", "Raised at", "Addressed to"], rows, "No open escalations."),
    pager("escalations", page, renderEscalations));
}

async function renderWaiting() {
  const lists = await api("/waiting-lists");
  const days = (d) => (d === null || d === undefined ? "—" : d.toLocaleString("en-GB", { maximumFractionDigits: 1 }));
  const rows = lists.receivers.map((r) => el("tr", {
    class: "clickable", tabindex: "0", "data-receiver": r.receiver,
    onclick: () => showWaitingAt(r.receiver).catch((e) => { $("load-error").textContent = "Could not load the waiting list: " + e.message; }),
  },
    el("td", {}, r.name, " ", el("span", { class: "muted small" }, `(${r.receiver})`)),
    el("td", { class: "num" }, r.waitingNow),
    el("td", { class: "num" }, r.pastExpectedStart > 0 ? el("span", { class: "badge late" }, r.pastExpectedStart) : "0"),
    el("td", { class: "num" }, r.noCapacityEscalationsOpen > 0 ? el("span", { class: "badge late" }, r.noCapacityEscalationsOpen) : "0"),
    el("td", { class: "num" }, r.everWaited),
    el("td", { class: "num" }, days(r.medianWaitWorkingDays)), el("td", { class: "num" }, days(r.p90WaitWorkingDays))));
  $("waiting").replaceChildren(table(["Receiver", { text: "Waiting now", num: true }, { text: "Past expected start", num: true },
    { text: "Open no-capacity escalations", num: true }, { text: "Ever waited", num: true },
    { text: "Wait, median wd", num: true }, { text: "p90 wd", num: true }], rows, "No receiver has a waiting list."));
}

async function showWaitingAt(receiver) {
  const list = await api(`/waiting-lists/${encodeURIComponent(receiver)}`);
  const rows = list.waiting.map((w) => handoverRow(w.handoverId, [
    el("td", {}, el("span", { class: "mono" }, shortId(w.handoverId))), el("td", {}, w.sender), el("td", {}, w.urgency),
    el("td", {}, when(w.waitingSince)), el("td", {}, w.expectedStart || "—"),
    el("td", {}, w.pastExpectedStart ? el("span", { class: "badge late" }, "past expected start") : "waiting")]));
  $("waiting-detail").replaceChildren(el("h3", {}, `Waiting at ${receiver}`),
    table(["Handover", "From (sender)", "Urgency", "On the list since", "Expected start", "Status"], rows, "Nobody waits here now."));
}

async function renderRejects() {
  const page = await api(`/rejects?page=${pages.rejects}&pageSize=${PAGE_SIZE}`);
  const rows = page.items.map((r) => el("tr", {},
    el("td", { class: "num" }, r.id),
    el("td", {}, when(r.receivedAt)),
    el("td", {}, el("code", {}, r.channel), r.agency ? ` (${r.agency})` : ""),
    el("td", {}, el("ul", {}, r.reasons.map((p) => el("li", {}, el("code", {}, p.path), " ", p.reason)))),
    el("td", {}, r.replayedAt
      ? el("span", { class: "badge " + (r.replayResult && r.replayResult.outcome === "accepted" ? "ok" : "late") },
          `replayed ${when(r.replayedAt)}: ${r.replayResult ? r.replayResult.outcome : "?"}`)
      : el("span", { class: "badge" }, "not replayed")),
    el("td", {}, originalCell(r))));
  $("rejects").replaceChildren(
    table([{ text: "No.", num: true }, "Received", "Channel", "Reason(s)", "Replay", "Original message"], rows, "No rejected messages."),
    pager("rejects", page, renderRejects));
}

// The list carries no originals (a page of them could be hundreds of megabytes): one is fetched when opened.
const bytes = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1048576).toFixed(1)} MB`);

function originalCell(r) {
  const pre = el("pre", {}, "loading…");
  let loaded = false;
  const details = el("details", {
    ontoggle: async () => {
      if (!details.open || loaded) return;
      loaded = true;
      try {
        const full = await api(`/rejects/${r.id}`);
        pre.textContent = (full.originalText !== null ? full.originalText : "(not UTF-8 text; base64) " + full.originalBase64)
          + (full.truncated ? `\n… (only the first ${bytes(full.storedSize)} of ${bytes(full.originalSize)} were kept)` : "");
      } catch (e) {
        loaded = false;
        pre.textContent = "could not load the original: " + e.message;
      }
    },
  }, el("summary", {}, `show (${bytes(r.originalSize)}${r.truncated ? ", cut off" : ""})`), pre);
  return details;
}

async function renderLeadTimes() {
  const report = await api(`/lead-times?page=${pages.leadtimes}&pageSize=${PAGE_SIZE}`);
  const line = (r, label) => el("tr", {},
    el("td", {}, label || r.sender), el("td", {}, label ? "" : r.receiver),
    el("td", { class: "num" }, r.handovers),
    el("td", { class: "num" }, hours(r.deliveryToReceipt.medianHours)), el("td", { class: "num" }, hours(r.deliveryToReceipt.p90Hours)),
    el("td", { class: "num" }, hours(r.receiptToCareStarted.medianHours)), el("td", { class: "num" }, hours(r.receiptToCareStarted.p90Hours)),
    el("td", { class: "num" }, r.chainToCareStarted ? hours(r.chainToCareStarted.medianHours) : "—"),
    el("td", { class: "num" }, `${r.deadlinesMetOnTime} / ${r.deadlinesDue}`),
    el("td", { class: "num" }, r.compliancePercent === null ? "—" : r.compliancePercent.toLocaleString("en-GB") + " %"));
  const rows = report.items.map((r) => line(r));
  if (rows.length > 0) rows.push(line(report.overall, "All agencies"));
  $("leadtimes").replaceChildren(
    table(["From (sender)", "To (receiver)", { text: "Handovers", num: true },
      { text: "Delivery → receipt, median h", num: true }, { text: "p90 h", num: true },
      { text: "Receipt → care started, median h", num: true }, { text: "p90 h", num: true },
      { text: "First handover of a re-routed chain → care started, median h", num: true },
      { text: "Deadlines met on time / due", num: true }, { text: "Compliance", num: true }], rows, "No handovers yet."),
    pager("leadtimes", report, renderLeadTimes));
}

async function showTimeline(id) {
  selected = id;
  document.querySelectorAll("tr[data-handover]").forEach((tr) => tr.classList.toggle("selected", tr.dataset.handover === id));
  const h = await api(`/handovers/${id}`);
  const lateKinds = new Set(h.deadlines.filter((d) => d.missedAt).map((d) => d.kind));
  const events = h.history.map((e) => el("li", { class: /missed|escalat/.test(e.event) ? "late" : null },
    el("strong", {}, when(e.at)), " — ", e.event.replaceAll("-", " "), e.by ? ` by ${e.by}` : "", e.detail ? ` (${e.detail})` : ""));
  const deadlines = h.deadlines.map((d) => el("tr", {},
    el("td", {}, deadlineLabel(d.kind)), el("td", {}, when(d.dueAt)),
    el("td", {}, d.metAt ? el("span", { class: "badge " + (d.missedAt ? "late" : "ok") }, (d.missedAt ? "met late " : "met ") + when(d.metAt))
      : d.missedAt ? el("span", { class: "badge late" }, "missed " + when(d.missedAt))
      : d.closedAt ? "no longer awaited" : "open")));
  const escalations = h.escalations.map((e) => el("tr", {},
    el("td", {}, el("span", { class: "badge level" }, LEVELS[e.level] || e.level)), el("td", {}, deadlineLabel(e.deadlineKind)),
    el("td", {}, when(e.raisedAt)), el("td", {}, e.addressees.join("; ")), el("td", {}, e.resolvedAt ? "resolved " + when(e.resolvedAt) : "open")));
  $("timeline").replaceChildren(
    el("p", {}, el("strong", {}, "Handover "), el("span", { class: "mono" }, h.handoverId)),
    el("p", {}, `${h.sender} → ${h.receiver} · ${h.urgency} · `, el("strong", {}, stateLabel(h.state)),
      lateKinds.size > 0 ? el("span", { class: "badge late" }, " overdue") : ""),
    el("div", { class: "grid2" },
      el("div", {}, el("h3", {}, "History (verloop)"), events.length ? el("ol", { class: "timeline" }, events) : el("p", { class: "empty" }, "No events yet.")),
      el("div", {},
        el("h3", {}, "Deadlines (termijnen)"), table(["Awaited", "Due", "Status"], deadlines, "No deadlines running."),
        el("h3", {}, "Escalations (opschalingen)"), table(["Level", "Awaited", "Raised", "Addressed to", "Status"], escalations, "No escalations."))));
  $("timeline-section").hidden = false;
  $("timeline-section").scrollIntoView({ behavior: "smooth", block: "start" });
}

async function refresh() {
  $("load-error").textContent = "";
  $("refresh").disabled = true;
  try {
    await Promise.all([renderCounts(), renderOverdue(), renderEscalations(), renderWaiting(), renderRejects(), renderLeadTimes()]);
    // A link from an e-mail (…/dashboard/#handover=<id>) opens that handover's timeline.
    const linked = /^#handover=([0-9a-f-]{36})$/i.exec(location.hash);
    if (linked && !selected) selected = linked[1];
    if (selected) await showTimeline(selected);
    $("refreshed").textContent = "Last refreshed " + TIME.format(new Date()) + " (Europe/Amsterdam)";
    document.body.dataset.loaded = "true";
  } catch (error) {
    if (error instanceof AccessError) signOut(error.message);
    else $("load-error").textContent = "Could not load everything: " + error.message + ". Try Refresh.";
  } finally {
    $("refresh").disabled = false;
  }
}

function signOut(message) {
  sessionStorage.removeItem(KEY);
  $("dashboard").hidden = true;
  $("actions").hidden = true;
  $("signin").hidden = false;
  $("signin-error").textContent = message || "";
  $("key").focus();
}

function signedIn() {
  $("signin").hidden = true;
  $("dashboard").hidden = false;
  $("actions").hidden = false;
  return refresh();
}

document.addEventListener("DOMContentLoaded", () => {
  $("signin-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $("key").value.trim());
    $("key").value = "";
    signedIn();
  });
  $("refresh").addEventListener("click", refresh);
  window.addEventListener("hashchange", () => {
    const linked = /^#handover=([0-9a-f-]{36})$/i.exec(location.hash);
    if (linked && sessionStorage.getItem(KEY)) showTimeline(linked[1]).catch((e) => { $("load-error").textContent = "Could not load the timeline: " + e.message; });
  });
  $("signout").addEventListener("click", () => signOut(""));
  if (sessionStorage.getItem(KEY)) signedIn(); else signOut("");
});
