// Operator dashboard: plain JS, no build. Every figure comes from /api/operator with the operator key, which is
// kept in sessionStorage only (gone when the tab closes). Text is always set with textContent. What the chain page
// shares with this one (words, dates, DOM, the API, sign-in) is in common.js, loaded first.
// Two pages: the overview (/dashboard/, its filter in the address) and one handover (/dashboard/handovers/{id}).
"use strict";

const PAGE_SIZE = 25;
const STATES = ["submitted", "delivered", "receipt-confirmed", "care-started", "completed", "rejected", "withdrawn"];
const HANDOVER_PATH = /^\/dashboard\/handovers\/([0-9a-fA-F-]{36})\/?$/;

/** The sign-in (common.js); set when the page has loaded. */
let account;

const pages = { handovers: 1, overdue: 1, escalations: 1, rejects: 1, leadtimes: 1 };
const deadlineLabel = (k) => label("deadline.", k);
const eventLabel = (e) => (T["event." + e] ? t("event." + e) : e.replaceAll("-", " "));
const urgencyLabel = (u) => (T["js.urgency." + u] ? t("js.urgency." + u) : u);
const hours = (h) => (h === null || h === undefined ? "—" : h.toLocaleString(document.documentElement.lang, { maximumFractionDigits: 1 }));
const handoverHref = (id) => `/dashboard/handovers/${id}`;

function pager(name, page, render, label) {
  const last = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (page.total <= page.pageSize) return el("div", { class: "pager" }, t("js.total", page.total));
  const from = (page.page - 1) * page.pageSize + 1;
  const to = Math.min(page.total, page.page * page.pageSize);
  const go = (p) => async () => { pages[name] = p; if (name === "handovers") writeFilter(); await render(); };
  return el("nav", { class: "pager", "aria-label": label },
    el("button", { type: "button", class: "secondary", disabled: page.page <= 1, "aria-label": t("js.previousPage"), onclick: go(page.page - 1) }, t("js.previous")),
    t("js.range", from, to, page.total),
    el("button", { type: "button", class: "secondary", disabled: page.page >= last, "aria-label": t("js.nextPage"), onclick: go(page.page + 1) }, t("js.next")));
}

/** The first cell of a handover row: a real link, so Tab reaches it, Enter opens it, and a notice can link the same page. */
function handoverLink(id) {
  return el("a", { class: "handover", href: handoverHref(id), "aria-label": t("js.openHandover", shortId(id)) }, shortId(id));
}

function handoverRow(id, cells) {
  return el("tr", { "data-handover": id }, cells);
}

async function renderCounts() {
  const c = await api("/counts");
  const tile = (n, label, alert) => el("li", { class: "tile" + (alert && n > 0 ? " alert" : "") },
    el("div", { class: "n" }, n), el("div", { class: "label" }, label));
  $("counts").replaceChildren(
    ...STATES.map((key) => tile(c.byState[key] ?? 0, stateLabel(key), false)),
    tile(c.overdue, t("js.tile.overdue"), true),
    tile(c.escalated, t("js.tile.escalated"), true),
    tile(c.rejectsNotReplayed, t("js.tile.rejects"), true),
    tile(c.total, t("js.tile.total"), false));
}

// The filter lives in the address (?agency=&state=&overdue=true&page=): a reload, a bookmark or a shared link shows the same list.
function readFilter() {
  const q = new URLSearchParams(location.search);
  const state = STATES.includes(q.get("state")) ? q.get("state") : "";
  pages.handovers = Math.max(1, parseInt(q.get("page") || "1", 10) || 1);
  return { agency: q.get("agency") || "", state, overdue: q.get("overdue") === "true" };
}

function writeFilter() {
  const q = new URLSearchParams(location.search);
  const set = (name, value) => (value ? q.set(name, value) : q.delete(name));
  set("agency", $("filter-agency").value);
  set("state", $("filter-state").value);
  set("overdue", $("filter-overdue").checked ? "true" : "");
  set("page", pages.handovers > 1 ? String(pages.handovers) : "");
  q.delete("lang");
  const search = q.toString();
  history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  updateLanguageLink();
}

async function fillFilter() {
  const filter = readFilter();
  const agencies = await api("/agencies");
  $("filter-agency").replaceChildren(el("option", { value: "" }, t("js.allAgencies")),
    ...agencies.map((a) => el("option", { value: a.id, selected: a.id === filter.agency }, `${a.name} (${a.id})`)));
  $("filter-state").replaceChildren(el("option", { value: "" }, T["page.filterAll"] || "—"),
    ...STATES.map((s) => el("option", { value: s, selected: s === filter.state }, stateLabel(s))));
  $("filter-agency").value = filter.agency;
  $("filter-state").value = filter.state;
  $("filter-overdue").checked = filter.overdue;
}

async function renderHandovers() {
  const q = new URLSearchParams({ page: pages.handovers, pageSize: PAGE_SIZE });
  if ($("filter-agency").value) q.set("agency", $("filter-agency").value);
  if ($("filter-state").value) q.set("state", $("filter-state").value);
  if ($("filter-overdue").checked) q.set("overdue", "true");
  const page = await api(`/handovers?${q}`);
  const rows = page.items.map((h) => handoverRow(h.handoverId, [
    el("td", {}, handoverLink(h.handoverId)),
    el("td", {}, h.sender), el("td", {}, h.receiver), el("td", {}, urgencyLabel(h.urgency)),
    el("td", {}, stateLabel(h.state), h.overdue ? [" ", el("span", { class: "badge late" }, t("js.overdueBadge"))] : ""),
    el("td", {}, when(h.submittedAt)),
    el("td", {}, when(h.nextDueAt)),
  ]));
  $("handovers").replaceChildren(
    table(t("page.handovers"), [t("js.col.handover"), t("js.col.sender"), t("js.col.receiver"), t("js.col.urgency"), t("js.col.state"),
      t("js.col.submitted"), t("js.col.nextDue")], rows, t("js.emptyHandovers")),
    pager("handovers", page, renderHandovers, t("page.handovers")));
  say(t("js.filtered", page.total));
}

async function renderOverdue() {
  const page = await api(`/handovers?overdue=true&page=${pages.overdue}&pageSize=${PAGE_SIZE}`);
  const rows = page.items.map((h) => handoverRow(h.handoverId, [
    el("td", {}, handoverLink(h.handoverId)),
    el("td", {}, h.sender), el("td", {}, h.receiver), el("td", {}, urgencyLabel(h.urgency)),
    el("td", {}, stateLabel(h.state)),
    el("td", {}, when(h.submittedAt)),
    el("td", {}, h.openEscalationLevel > 0 ? el("span", { class: "badge level" }, t("js.level", levelLabel(h.openEscalationLevel))) : t("js.none")),
  ]));
  $("overdue").replaceChildren(
    table(t("page.overdue"), [t("js.col.handover"), t("js.col.sender"), t("js.col.receiver"), t("js.col.urgency"), t("js.col.state"),
      t("js.col.submitted"), t("js.col.escalation")], rows, t("js.emptyOverdue")),
    pager("overdue", page, renderOverdue, t("page.overdue")));
}

async function renderEscalations() {
  const page = await api(`/escalations?page=${pages.escalations}&pageSize=${PAGE_SIZE}`);
  const rows = page.items.map((e) => handoverRow(e.handoverId, [
    el("td", {}, el("span", { class: "badge level" }, levelLabel(e.level))),
    el("td", {}, handoverLink(e.handoverId)),
    el("td", {}, `${e.sender} → ${e.receiver}`),
    el("td", {}, deadlineLabel(e.deadlineKind)),
    el("td", {}, when(e.overdueSince)),
    el("td", {}, when(e.raisedAt)),
    el("td", {}, addressees(e.addressees)),
  ]));
  $("escalations").replaceChildren(
    table(t("page.escalations"), [t("js.col.level"), t("js.col.handover"), t("js.col.parties"), t("js.col.awaited"), t("js.col.overdueSince"),
      t("js.col.raised"), t("js.col.addressees")], rows, t("js.emptyEscalations")),
    pager("escalations", page, renderEscalations, t("page.escalations")));
}

async function renderWaiting() {
  const lists = await api("/waiting-lists");
  const days = (d) => (d === null || d === undefined ? "—" : d.toLocaleString(document.documentElement.lang, { maximumFractionDigits: 1 }));
  const rows = lists.receivers.map((r) => el("tr", { "data-receiver": r.receiver },
    el("td", {}, el("button", { type: "button", class: "link",
      onclick: () => showWaitingAt(r.receiver).catch((e) => { $("load-error").textContent = t("js.loadError", e.message); }) },
      r.name), " ", el("span", { class: "muted small" }, `(${r.receiver})`)),
    el("td", { class: "num" }, r.waitingNow),
    el("td", { class: "num" }, r.pastExpectedStart > 0 ? el("span", { class: "badge late" }, r.pastExpectedStart) : "0"),
    el("td", { class: "num" }, r.noCapacityEscalationsOpen > 0 ? el("span", { class: "badge late" }, r.noCapacityEscalationsOpen) : "0"),
    el("td", { class: "num" }, r.everWaited),
    el("td", { class: "num" }, days(r.medianWaitWorkingDays)), el("td", { class: "num" }, days(r.p90WaitWorkingDays))));
  $("waiting").replaceChildren(table(t("page.waiting"), [t("js.col.receiver"), { text: t("js.col.waitingNow"), num: true },
    { text: t("js.col.pastExpectedStart"), num: true }, { text: t("js.col.noCapacityOpen"), num: true },
    { text: t("js.col.everWaited"), num: true }, { text: t("js.col.waitMedian"), num: true }, { text: t("js.col.waitP90"), num: true }],
    rows, t("js.emptyWaiting")));
}

async function showWaitingAt(receiver) {
  const list = await api(`/waiting-lists/${encodeURIComponent(receiver)}`);
  const rows = list.waiting.map((w) => handoverRow(w.handoverId, [
    el("td", {}, handoverLink(w.handoverId)), el("td", {}, w.sender), el("td", {}, urgencyLabel(w.urgency)),
    el("td", {}, when(w.waitingSince)), el("td", {}, day(w.expectedStart)),
    el("td", {}, w.pastExpectedStart ? el("span", { class: "badge late" }, t("js.pastExpectedStart")) : t("js.waiting"))]));
  $("waiting-detail").replaceChildren(el("h3", {}, t("js.waitingAt", receiver)),
    table(t("js.waitingAt", receiver), [t("js.col.handover"), t("js.col.sender"), t("js.col.urgency"), t("js.col.waitingSince"),
      t("js.col.expectedStart"), t("js.col.status")], rows, t("js.nobodyWaits")));
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
          t("js.replayed", when(r.replayedAt), r.replayResult ? r.replayResult.outcome : "?"))
      : el("span", { class: "badge" }, t("js.notReplayed"))),
    el("td", {}, originalCell(r))));
  $("rejects").replaceChildren(
    table(t("page.rejects"), [{ text: t("js.col.number"), num: true }, t("js.col.received"), t("js.col.channel"), t("js.col.reasons"),
      t("js.col.replay"), t("js.col.original")], rows, t("js.emptyRejects")),
    pager("rejects", page, renderRejects, t("page.rejects")));
}

// The list carries no originals (a page of them could be hundreds of megabytes): one is fetched when opened.
const bytes = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1048576).toFixed(1)} MB`);

function originalCell(r) {
  const pre = el("pre", {}, t("js.loading"));
  let loaded = false;
  const details = el("details", {
    ontoggle: async () => {
      if (!details.open || loaded) return;
      loaded = true;
      try {
        const full = await api(`/rejects/${r.id}`);
        pre.textContent = (full.originalText !== null ? full.originalText : t("js.notUtf8") + full.originalBase64)
          + (full.truncated ? "\n" + t("js.onlyKept", bytes(full.storedSize), bytes(full.originalSize)) : "");
      } catch (e) {
        loaded = false;
        pre.textContent = t("js.originalError", e.message);
      }
    },
  }, el("summary", {}, t("js.show", bytes(r.originalSize) + (r.truncated ? t("js.cutOff") : ""))), pre);
  return details;
}

async function renderLeadTimes() {
  const report = await api(`/lead-times?page=${pages.leadtimes}&pageSize=${PAGE_SIZE}`);
  const pct = (p) => (p === null ? "—" : p.toLocaleString(document.documentElement.lang) + " %");
  const line = (r, label) => el("tr", {},
    el("td", {}, label || r.sender), el("td", {}, label ? "" : r.receiver),
    el("td", { class: "num" }, r.handovers),
    el("td", { class: "num" }, hours(r.deliveryToReceipt.medianHours)), el("td", { class: "num" }, hours(r.deliveryToReceipt.p90Hours)),
    el("td", { class: "num" }, hours(r.receiptToCareStarted.medianHours)), el("td", { class: "num" }, hours(r.receiptToCareStarted.p90Hours)),
    el("td", { class: "num" }, r.chainToCareStarted ? hours(r.chainToCareStarted.medianHours) : "—"),
    el("td", { class: "num" }, `${r.deadlinesMetOnTime} / ${r.deadlinesDue}`),
    el("td", { class: "num" }, pct(r.compliancePercent)));
  const rows = report.items.map((r) => line(r));
  if (rows.length > 0) rows.push(line(report.overall, t("js.allAgencies")));
  $("leadtimes").replaceChildren(
    table(t("page.leadtimes"), [t("js.col.sender"), t("js.col.receiver"), { text: t("js.col.handovers"), num: true },
      { text: t("js.col.toReceipt"), num: true }, { text: t("js.col.p90"), num: true },
      { text: t("js.col.toCare"), num: true }, { text: t("js.col.p90"), num: true },
      { text: t("js.col.chainToCare"), num: true },
      { text: t("js.col.met"), num: true }, { text: t("js.col.compliance"), num: true }], rows, t("js.emptyLeadtimes")),
    pager("leadtimes", report, renderLeadTimes, t("page.leadtimes")));
}

async function renderHandover(id) {
  let h;
  try {
    h = await api(`/handovers/${id}`);
  } catch (error) {
    if (error instanceof AccessError) throw error;
    $("timeline").replaceChildren(el("p", { class: "error" }, t("js.unknownHandover")));
    return;
  }
  const lateKinds = new Set(h.deadlines.filter((d) => d.missedAt).map((d) => d.kind));
  const events = h.history.map((e) => el("li", { class: /missed|escalat|overdue/.test(e.event) ? "late" : null },
    el("strong", {}, el("time", { datetime: e.at }, when(e.at))), " — ", eventLabel(e.event),
    e.by ? " " + t("js.by", e.by) : "", e.detail ? ` (${historyDetail(e.event, e.detail)})` : ""));
  const deadlines = h.deadlines.map((d) => el("tr", {},
    el("td", {}, deadlineLabel(d.kind)), el("td", {}, when(d.dueAt)),
    el("td", {}, d.metAt ? el("span", { class: "badge " + (d.missedAt ? "late" : "ok") }, t(d.missedAt ? "js.metLate" : "js.met", when(d.metAt)))
      : d.missedAt ? el("span", { class: "badge late" }, t("js.missed", when(d.missedAt)))
      : d.closedAt ? t("js.noLongerAwaited") : t("js.open"))));
  const escalations = h.escalations.map((e) => el("tr", {},
    el("td", {}, el("span", { class: "badge level" }, levelLabel(e.level))), el("td", {}, deadlineLabel(e.deadlineKind)),
    el("td", {}, when(e.raisedAt)), el("td", {}, addressees(e.addressees)), el("td", {}, e.resolvedAt ? t("js.resolved", when(e.resolvedAt)) : t("js.open"))));
  document.title = `${t("js.handoverLabel")} ${shortId(h.handoverId)} · ${t("page.title")}`;
  $("timeline").replaceChildren(
    el("p", {}, el("strong", {}, t("js.handoverLabel") + " "), el("span", { class: "mono" }, h.handoverId)),
    el("p", {}, `${h.sender} → ${h.receiver} · ${urgencyLabel(h.urgency)} · `, el("strong", {}, stateLabel(h.state)),
      lateKinds.size > 0 ? [" ", el("span", { class: "badge late" }, t("js.overdueBadge"))] : ""),
    el("div", { class: "grid2" },
      el("div", {}, el("h3", {}, t("js.history")), events.length ? el("ol", { class: "timeline" }, events) : el("p", { class: "empty" }, t("js.noEvents"))),
      el("div", {},
        el("h3", {}, t("js.deadlines")), table(t("js.deadlines"), [t("js.col.awaited"), t("js.col.due"), t("js.col.status")], deadlines, t("js.noDeadlines")),
        el("h3", {}, t("js.escalations")), table(t("js.escalations"), [t("js.col.level"), t("js.col.awaited"), t("js.col.raised"), t("js.col.addressees"), t("js.col.status")],
          escalations, t("js.noEscalations")))));
}

function handoverOnPage() {
  const match = HANDOVER_PATH.exec(location.pathname);
  return match ? match[1].toLowerCase() : null;
}

async function refresh() {
  $("load-error").textContent = "";
  $("refresh").disabled = true;
  say(t("js.loading"));
  try {
    const id = handoverOnPage();
    if (id) {
      await renderHandover(id);
    } else {
      if ($("filter-agency").options.length <= 1) await fillFilter();
      await Promise.all([renderCounts(), renderHandovers(), renderOverdue(), renderEscalations(), renderWaiting(), renderRejects(), renderLeadTimes()]);
    }
    $("refreshed").textContent = t("js.refreshed", when(new Date().toISOString()));
    document.body.dataset.loaded = "true";
    say(t("js.loaded"));
  } catch (error) {
    if (error instanceof AccessError) account.signOut(error.message);
    else $("load-error").textContent = t("js.loadError", error.message);
  } finally {
    $("refresh").disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  forgetLanguageInAddress();
  updateLanguageLink();
  account = session("dashboard", () => {
    const onHandover = handoverOnPage() !== null;
    $("overview").hidden = onHandover;
    $("timeline-section").hidden = !onHandover;
    return refresh();
  });
  $("filter").addEventListener("submit", async (e) => {
    e.preventDefault();
    pages.handovers = 1;
    writeFilter();
    await renderHandovers().catch((error) => { $("load-error").textContent = t("js.loadError", error.message); });
  });
  $("back").addEventListener("click", (e) => {
    // Back to the overview as it was (its filter), when the overview is where the coordinator came from.
    if (document.referrer.startsWith(location.origin + "/dashboard/") && !HANDOVER_PATH.test(new URL(document.referrer).pathname)) {
      e.preventDefault();
      history.back();
    }
  });
  $("refresh").addEventListener("click", refresh);
  // An older link (…/dashboard/#handover=<id>) goes to the handover's own page.
  const legacy = /^#handover=([0-9a-f-]{36})$/i.exec(location.hash);
  if (legacy) { location.replace(handoverHref(legacy[1].toLowerCase())); return; }
  account.start();
});
