// What the dashboard's pages share (the overview and a handover in dashboard.js, the chain around the child in chain.js):
// the words of the page (#texts, in the language the hub chose for this request: Dutch unless asked otherwise), dates
// as a person in the chain reads them, DOM building with textContent only, the operator API with the key kept in
// sessionStorage, the sign-in, and the language link. Loaded before the page's own script; plain JS, no build.
"use strict";

const KEY = "integrationhub.operatorKey";
const T = JSON.parse(document.getElementById("texts").textContent);
const t = (key, ...args) => (T[key] ?? key).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
const $ = (id) => document.getElementById(id);

// dd-MM-yyyy HH:mm in Europe/Amsterdam, whatever the browser's language.
const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});
function when(iso) {
  if (!iso) return "—";
  const p = Object.fromEntries(PARTS.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}`;
}

/** A calendar day (yyyy-MM-dd, as the API gives one) as dd-MM-yyyy; a moment falls back to when(). */
function day(value) {
  if (!value) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : when(value);
}

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

const shortId = (id) => id.slice(0, 8);
const label = (prefix, value) => (T[prefix + value] ? t(prefix + value) : String(value));
const stateLabel = (s) => label("state.", s);
const levelLabel = (l) => label("level.", l);

// The record's own words ("level 1 (receipt)", "team-lead at bjz-noord-brabant"; API.md keeps them so) as a person reads
// them: the hub's rules (HistoryWords.cs, in the page as #history-words) pick the catalog's text in the page's language.
const WORDS = JSON.parse(document.getElementById("history-words").textContent);
const RULES = WORDS.rules.map((r) => ({ event: r.event, pattern: new RegExp(r.pattern), key: r.key }));
const ADDRESSEE = new RegExp(WORDS.addressee);
const BOUND = new RegExp(WORDS.bound);

/** "2027-03-01 08:00 (UTC+00:00)" as dd-MM-yyyy HH:mm in Amsterdam. */
function fromUtc(text) {
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d) \(UTC([+-]\d\d:\d\d)\)$/.exec(text);
  return m ? when(`${m[1]}T${m[2]}:00${m[3]}`) : text;
}

function argument(group, value) {
  if (group === "deadline") return label("deadline.", value);
  if (group === "utc") return fromUtc(value);
  if (group === "bound") return value.split(", ").map((p) => { const b = BOUND.exec(p); return b ? t("detail.bound", b.groups.agency, b.groups.date) : p; }).join(", ");
  return value;
}

/** A history entry's detail in the page's language; an agency's own words, or a detail no rule knows, as written. */
function historyDetail(event, detail) {
  if (!detail) return detail;
  for (const rule of RULES) {
    if (rule.event !== event) continue;
    const m = rule.pattern.exec(detail);
    if (m) return t(rule.key, ...Object.entries(m.groups || {}).map(([group, value]) => argument(group, value)));
  }
  return detail;
}

function addressee(text) {
  const m = ADDRESSEE.exec(text);
  if (!m) return text;
  const role = label("role.", m.groups.role);
  return m.groups.name !== undefined ? t("js.addresseeNamed", role, m.groups.agency, m.groups.name) : t("js.addressee", role, m.groups.agency);
}
const addressees = (list) => list.map(addressee).join("; ");

/** A table a screen reader can name (caption) and walk by column (th scope). */
function table(caption, headers, rows, emptyText) {
  if (rows.length === 0) return el("p", { class: "empty" }, emptyText);
  return el("table", {},
    el("caption", { class: "visually-hidden" }, caption),
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col", class: h.num ? "num" : null }, h.text || h)))),
    el("tbody", {}, rows));
}

class AccessError extends Error {}

/** GET /api/operator{path} with the operator key; a 404 is null when the caller asks (a family that does not exist). */
async function api(path, { missingIsNull = false } = {}) {
  const response = await fetch("/api/operator" + path, { headers: { "Authorization": "Bearer " + sessionStorage.getItem(KEY) } });
  if (response.status === 401 || response.status === 403) {
    const problem = await response.json().catch(() => ({}));
    throw new AccessError(problem.detail || problem.title || t("js.keyRefused"));
  }
  if (missingIsNull && response.status === 404) return null;
  if (!response.ok) throw new Error(t("js.answered", path, response.status));
  return response.json();
}

/** The polite live region: what a screen reader hears after a load or a filter. */
function say(text) { $("status").textContent = text; }

/** The language link keeps the page and its address; only the language changes. */
function updateLanguageLink() {
  const link = $("other-language");
  const q = new URLSearchParams(location.search);
  q.set("lang", link.getAttribute("hreflang"));
  link.setAttribute("href", location.pathname + "?" + q.toString());
}

/** ?lang= chose the language (the hub remembers it in a cookie); the address keeps only what the page shows. */
function forgetLanguageInAddress() {
  const q = new URLSearchParams(location.search);
  if (!q.has("lang")) return;
  q.delete("lang");
  history.replaceState(null, "", location.pathname + (q.toString() ? "?" + q : ""));
}

/**
 * The sign-in both pages share: the key form, the sign-out button, and which part of the page shows.
 * content is the id of what the key opens; open() loads it. Returns signOut for the page's own use.
 */
function session(content, open) {
  function signOut(message) {
    sessionStorage.removeItem(KEY);
    $(content).hidden = true;
    $("actions").hidden = true;
    $("signin").hidden = false;
    $("signin-error").textContent = message || "";
    $("key").focus();
  }
  function signedIn() {
    $("signin").hidden = true;
    $(content).hidden = false;
    $("actions").hidden = false;
    return open();
  }
  $("signin-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $("key").value.trim());
    $("key").value = "";
    signedIn();
  });
  $("signout").addEventListener("click", () => signOut(""));
  return { signOut, start: () => (sessionStorage.getItem(KEY) ? signedIn() : signOut("")) };
}
