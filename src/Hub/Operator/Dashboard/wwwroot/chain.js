// The chain around the child (keten rond het kind) for the chain office (ketenbureau): what needs acting on, and one
// family (gezin) at a time, each look logged with its purpose by the hub. Words, dates, DOM, the API and the sign-in
// come from common.js, shared with the dashboard; text is only ever set with textContent.
// The family form is in the address (?family=&purpose=) so a reload or a shared link fills it; it is not opened by
// itself, since every look at a family is logged and must be one a person chose.
"use strict";

const purposeLabel = (p) => label("chain.purpose.", p);
const yesNo = (b) => t(b ? "chain.yes" : "chain.no");

/** Puts a family in the form and moves the keyboard there: the look itself waits for a purpose and the button. */
function familyLink(id) {
  return el("a", {
    href: "#family-title", "aria-label": t("chain.pickFamily", shortId(id)),
    onclick: (e) => { e.preventDefault(); $("family-id").value = id; $("purpose").focus(); },
  }, shortId(id));
}

/** A handover in the family: its own dashboard page. */
function handoverLink(id) {
  return el("a", { class: "handover", href: `/dashboard/handovers/${id}`, "aria-label": t("js.openHandover", shortId(id)) }, shortId(id));
}

async function load() {
  $("load-error").textContent = "";
  $("refresh").disabled = true;
  say(t("js.loading"));
  try {
    const o = await api("/chain");
    $("without").replaceChildren(table(t("chain.without"),
      [t("chain.col.family"), t("chain.col.region"), t("chain.col.since"), t("chain.col.asked"), t("chain.col.acceptBy"), t("chain.col.ruleLeft")],
      o.familiesWithoutCoordinator.map((f) => el("tr", {}, el("td", {}, familyLink(f.familyId)), el("td", {}, f.region), el("td", {}, when(f.since)),
        el("td", {}, f.asked || "—"), el("td", {}, when(f.acceptBy)), el("td", {}, f.noRuleLeft ? t("chain.noRuleLeft") : t("chain.yes")))),
      t("chain.emptyWithout")));
    $("plans").replaceChildren(table(t("chain.plans"),
      [t("chain.col.family"), t("chain.col.what"), t("chain.col.coordinator"), t("chain.col.due"), t("chain.col.level")],
      o.plansLate.map((p) => el("tr", {}, el("td", {}, familyLink(p.familyId)), el("td", {}, label("chain.late.", p.kind)),
        el("td", {}, p.coordinator), el("td", {}, when(p.dueAt)), el("td", {}, levelLabel(p.escalationLevel)))),
      t("chain.emptyPlans")));
    $("actions-overdue").replaceChildren(table(t("chain.actions"),
      [t("chain.col.party"), { text: t("chain.col.overdue"), num: true }, t("chain.col.actions")],
      o.actionsOverdueByParty.map((p) => el("tr", {}, el("td", {}, p.party), el("td", { class: "num" }, String(p.count)),
        el("td", {}, p.actions.map((a) => el("div", {}, familyLink(a.familyId), " ", t("chain.actionLine", a.title, when(a.dueAt), levelLabel(a.escalationLevel))))))),
      t("chain.emptyActions")));
    $("matches").replaceChildren(table(t("chain.matches"),
      [t("chain.col.match"), t("chain.col.family"), t("chain.col.party"), t("chain.col.confirmBy")],
      o.matchesNotFollowedUp.map((m) => el("tr", {}, el("td", {}, shortId(m.matchId)), el("td", {}, familyLink(m.familyId)), el("td", {}, m.party),
        el("td", {}, when(m.confirmBy)))),
      t("chain.emptyMatches")));
    $("followed").textContent = t("chain.followed", o.matchParties.contactConfirmed, o.matchParties.total);
    $("refreshed").textContent = t("js.refreshed", when(new Date().toISOString()));
    document.body.dataset.loaded = "true";
    say(t("chain.loaded"));
  } catch (e) {
    if (e instanceof AccessError) account.signOut(e.message);
    else $("load-error").textContent = t("js.loadError", e.message);
  } finally {
    $("refresh").disabled = false;
  }
}

function familyView(f) {
  const c = f.coordination;
  const plan = f.plan && f.plan.registered
    ? el("div", {},
      el("p", {}, t("chain.planHead", f.plan.version, f.plan.contactPerson.name, f.plan.contactPerson.agencyId, when(f.plan.reviewBy))),
      el("ul", {}, f.plan.goals.map((g) => el("li", {}, g))),
      table(t("chain.planActions"), [t("chain.col.party"), t("chain.col.action"), t("chain.col.due"), t("chain.col.done"), t("chain.col.overdue")],
        f.plan.actions.map((a) => el("tr", {}, el("td", {}, a.party), el("td", {}, a.title), el("td", {}, day(a.due)), el("td", {}, when(a.doneAt)),
          el("td", {}, a.overdue ? el("span", { class: "badge late" }, t("chain.overdueAt", levelLabel(a.escalationLevel))) : t("chain.no")))),
        t("chain.noActions")))
    : el("p", {}, f.plan ? t("chain.planDue", when(f.plan.dueAt)) + (f.plan.late ? " " + t("chain.planLate") : "") : t("chain.noPlan"));
  return el("div", { class: "card" },
    el("p", {}, t("chain.familyHead", f.region, f.children, when(f.createdAt)),
      f.stagnatingSince ? " " + t("chain.stagnation", when(f.stagnatingSince), f.stagnationReason) : ""),
    el("h3", {}, t("chain.coordination")),
    el("p", {}, c.coordinator ? t("chain.coordinator", c.coordinator.agencyId, c.coordinator.rule, when(c.coordinator.decidedAt)) : t("chain.noCoordinator"),
      c.pending ? " " + t("chain.pending", c.pending.agencyId, when(c.pending.acceptBy)) : ""),
    el("h3", {}, t("chain.handovers")),
    table(t("chain.handovers"), [t("js.col.handover"), t("chain.col.child"), t("js.col.sender"), t("js.col.receiver"), t("js.col.state"),
      t("js.col.submitted"), t("chain.col.linked")],
      f.handovers.map((h) => el("tr", {}, el("td", {}, handoverLink(h.handoverId)), el("td", {}, String(h.child)), el("td", {}, h.sender),
        el("td", {}, h.receiver), el("td", {}, stateLabel(h.state)), el("td", {}, when(h.submittedAt)),
        el("td", {}, h.links.map((l) => `${label("chain.link.", l.kind)} ${shortId(l.otherHandoverId)}`).join(", ")))),
      t("chain.noHandovers")),
    el("h3", {}, t("chain.signals")),
    table(t("chain.signals"), [t("chain.col.agency"), t("chain.col.child"), t("chain.col.kind"), t("chain.col.professional"), t("chain.col.since"),
      t("chain.col.active")],
      f.signals.map((s) => el("tr", {}, el("td", {}, s.agencyId), el("td", {}, String(s.child)),
        el("td", {}, label("chain.signal.", s.kind) + (s.meetingId ? ` (${s.meetingId})` : "")), el("td", {}, s.professional.name),
        el("td", {}, when(s.at)), el("td", {}, s.active ? t("chain.yes") : t("chain.visibleUntil", when(s.visibleUntil))))),
      t("chain.noSignals")),
    el("h3", {}, t("chain.matchesHead")),
    table(t("chain.matchesHead"), [t("chain.col.match"), t("chain.col.kind"), t("chain.col.at"), t("chain.col.parties")],
      f.matches.map((m) => el("tr", {}, el("td", {}, shortId(m.matchId)), el("td", {}, label("chain.match.", m.kind)), el("td", {}, when(m.at)),
        el("td", {}, m.parties.map((p) => `${p.agencyId}${p.contactConfirmedAt ? " ✓" : ""}`).join(", ")))),
      t("chain.noMatches")),
    el("h3", {}, t("chain.plan")),
    plan);
}

async function showFamily(event) {
  event.preventDefault();
  const id = $("family-id").value.trim();
  const purpose = $("purpose").value;
  const q = new URLSearchParams({ family: id, purpose });
  history.replaceState(null, "", location.pathname + "?" + q);
  updateLanguageLink();
  const target = $("family");
  try {
    const f = await api(`/families/${encodeURIComponent(id)}?purpose=${encodeURIComponent(purpose)}`, { missingIsNull: true });
    target.replaceChildren(f ? familyView(f) : el("p", { class: "empty" }, t("chain.noFamily")));
    say(f ? t("chain.familyShown", shortId(id), purposeLabel(purpose)) : t("chain.noFamily"));
  } catch (e) {
    if (e instanceof AccessError) account.signOut(e.message);
    else target.replaceChildren(el("p", { class: "error" }, t("js.loadError", e.message)));
  }
}

/** The sign-in (common.js); set when the page has loaded. */
let account;

document.addEventListener("DOMContentLoaded", () => {
  forgetLanguageInAddress();
  updateLanguageLink();
  const q = new URLSearchParams(location.search);
  if (q.get("family")) $("family-id").value = q.get("family");
  if ([...$("purpose").options].some((o) => o.value === q.get("purpose"))) $("purpose").value = q.get("purpose");
  account = session("chain", load);
  $("refresh").addEventListener("click", load);
  $("family-form").addEventListener("submit", showFamily);
  account.start();
});
