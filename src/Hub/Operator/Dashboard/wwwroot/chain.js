// The chain around the child for the chain office: what needs acting on, and one family at a time (each look
// logged with its purpose by the hub). Plain JS, the operator key from sessionStorage; text only via textContent.
"use strict";

const KEY = "integrationhub.operatorKey";
const TIME = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam", weekday: "short", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
});
const $ = (id) => document.getElementById(id);
const when = (iso) => (iso ? TIME.format(new Date(iso)) : "—");

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

function table(headers, rows, emptyText) {
  if (rows.length === 0) return el("p", { class: "empty" }, emptyText);
  return el("table", {}, el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))), el("tbody", {}, rows));
}

function familyLink(id) {
  return el("a", { href: "#family", onclick: (e) => { e.preventDefault(); $("family-id").value = id; $("family-id").focus(); } }, id.slice(0, 8));
}

async function api(path) {
  const response = await fetch("/api/operator" + path, { headers: { "Authorization": "Bearer " + sessionStorage.getItem(KEY) } });
  if (response.status === 401 || response.status === 403) throw new Error("The operator key was not accepted.");
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json();
}

async function load() {
  $("load-error").textContent = "";
  try {
    const o = await api("/chain");
    $("without").replaceChildren(table(["Family", "Region", "Since", "Asked", "Accept by", "Rule left"],
      o.familiesWithoutCoordinator.map((f) => el("tr", {}, el("td", {}, familyLink(f.familyId)), el("td", {}, f.region), el("td", {}, when(f.since)),
        el("td", {}, f.asked || "—"), el("td", {}, when(f.acceptBy)), el("td", {}, f.noRuleLeft ? "none: the chain office decides" : "yes"))),
      "Every family that needs one has a coordinator."));
    $("plans").replaceChildren(table(["Family", "What", "Coordinator", "Due", "Level"],
      o.plansLate.map((p) => el("tr", {}, el("td", {}, familyLink(p.familyId)), el("td", {}, p.kind === "plan" ? "plan not registered" : "review late"),
        el("td", {}, p.coordinator), el("td", {}, when(p.dueAt)), el("td", {}, String(p.escalationLevel)))),
      "No plan is late."));
    $("actions-overdue").replaceChildren(table(["Party", "Overdue", "Actions"],
      o.actionsOverdueByParty.map((p) => el("tr", {}, el("td", {}, p.party), el("td", { class: "num" }, String(p.count)),
        el("td", {}, p.actions.map((a) => el("div", {}, familyLink(a.familyId), ` ${a.title} (due ${when(a.dueAt)}, level ${a.escalationLevel})`))))),
      "No action is overdue."));
    $("matches").replaceChildren(table(["Match", "Family", "Party", "Confirm by"],
      o.matchesNotFollowedUp.map((m) => el("tr", {}, el("td", {}, m.matchId.slice(0, 8)), el("td", {}, familyLink(m.familyId)), el("td", {}, m.party),
        el("td", {}, when(m.confirmBy)))),
      "Every match was followed up in time."));
    $("followed").textContent = `${o.matchParties.contactConfirmed} of ${o.matchParties.total} match parties confirmed contact.`;
    $("refreshed").textContent = "Refreshed " + TIME.format(new Date());
  } catch (e) {
    $("load-error").textContent = e.message;
  }
}

async function showFamily(event) {
  event.preventDefault();
  const id = $("family-id").value.trim();
  const purpose = $("purpose").value;
  const target = $("family");
  try {
    const f = await api(`/families/${encodeURIComponent(id)}?purpose=${encodeURIComponent(purpose)}`);
    if (!f) { target.replaceChildren(el("p", { class: "empty" }, "No such family.")); return; }
    const c = f.coordination;
    target.replaceChildren(el("div", { class: "card" },
      el("p", {}, `Region ${f.region}, ${f.children} child(ren), known since ${when(f.createdAt)}.`,
        f.stagnatingSince ? ` Stagnation reported ${when(f.stagnatingSince)} (${f.stagnationReason}).` : ""),
      el("h3", {}, "Coordination (coördinatie)"),
      el("p", {}, c.coordinator ? `${c.coordinator.agencyId} (rule ${c.coordinator.rule}) since ${when(c.coordinator.decidedAt)}` : "No coordinator.",
        c.pending ? ` Asked: ${c.pending.agencyId}, accept by ${when(c.pending.acceptBy)}.` : ""),
      el("h3", {}, "Handovers (overdrachten)"),
      table(["Handover", "Child", "From", "To", "State", "Submitted", "Linked"], f.handovers.map((h) => el("tr", {}, el("td", {}, h.handoverId.slice(0, 8)),
        el("td", {}, String(h.child)), el("td", {}, h.sender), el("td", {}, h.receiver), el("td", {}, h.state), el("td", {}, when(h.submittedAt)),
        el("td", {}, h.links.map((l) => `${l.kind} ${l.otherHandoverId.slice(0, 8)}`).join(", ")))), "No handovers."),
      el("h3", {}, "Signals (signalen)"),
      table(["Agency", "Child", "Kind", "Professional", "Since", "Active"], f.signals.map((s) => el("tr", {}, el("td", {}, s.agencyId),
        el("td", {}, String(s.child)), el("td", {}, s.kind + (s.meetingId ? ` (${s.meetingId})` : "")), el("td", {}, s.professional.name),
        el("td", {}, when(s.at)), el("td", {}, s.active ? "yes" : `no (visible until ${when(s.visibleUntil)})`))), "No signals."),
      el("h3", {}, "Matches"),
      table(["Match", "Kind", "At", "Parties"], f.matches.map((m) => el("tr", {}, el("td", {}, m.matchId.slice(0, 8)), el("td", {}, m.kind),
        el("td", {}, when(m.at)), el("td", {}, m.parties.map((p) => `${p.agencyId}${p.contactConfirmedAt ? " ✓" : ""}`).join(", ")))), "No matches."),
      el("h3", {}, "Plan (gezinsplan)"),
      f.plan && f.plan.registered
        ? el("div", {},
          el("p", {}, `Version ${f.plan.version}, contact person ${f.plan.contactPerson.name} (${f.plan.contactPerson.agencyId}), review by ${when(f.plan.reviewBy)}.`),
          el("ul", {}, f.plan.goals.map((g) => el("li", {}, g))),
          table(["Party", "Action", "Due", "Done", "Overdue"], f.plan.actions.map((a) => el("tr", {}, el("td", {}, a.party), el("td", {}, a.title),
            el("td", {}, a.due), el("td", {}, when(a.doneAt)), el("td", {}, a.overdue ? `yes (level ${a.escalationLevel})` : "no"))), "No actions."))
        : el("p", {}, f.plan ? `No plan yet; due ${when(f.plan.dueAt)}${f.plan.late ? " (late)" : ""}.` : "No plan.")));
  } catch (e) {
    target.replaceChildren(el("p", { class: "error" }, e.message));
  }
}

function start() {
  if (!sessionStorage.getItem(KEY)) {
    $("signin").hidden = false;
    $("signin-form").addEventListener("submit", (e) => {
      e.preventDefault();
      sessionStorage.setItem(KEY, $("key").value);
      $("signin").hidden = true;
      start();
    });
    return;
  }
  $("chain").hidden = false;
  $("actions").hidden = false;
  $("refresh").addEventListener("click", load);
  $("family-form").addEventListener("submit", showFamily);
  // A notice's e-mail links here with its family filled in; the family is shown once a purpose is given.
  const family = new URLSearchParams(location.search).get("family");
  if (family) $("family-id").value = family;
  load();
}

start();
