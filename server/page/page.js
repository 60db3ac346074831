// newsidx search page: plain JavaScript over the JSON API (docs/serve.md), nothing loaded from
// elsewhere. State lives in the page's own query string, so a search can be bookmarked.
"use strict";

const LIMIT = 10;
const $ = (id) => document.getElementById(id);
const FIELDS = ["q", "actor", "topic", "since", "until", "source", "period"];
let offset = 0;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    const msg = body && body.error ? body.error.message : r.status + " " + r.statusText;
    throw new Error(msg);
  }
  return body;
}

function showError(msg) {
  const e = $("error");
  e.textContent = msg || "";
  e.hidden = !msg;
}

async function fillSelect(id, path, key) {
  try {
    const list = (await api(path))[key];
    const sel = $(id);
    for (const k of list) sel.append(el("option", { value: k }, k));
  } catch (err) {
    showError("could not load " + key + ": " + err.message);
  }
}

// The passage with its matches (byte offsets into the article's body) marked.
function highlighted(hit) {
  const bytes = new TextEncoder().encode(hit.passage);
  const dec = new TextDecoder();
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [s, e] of hit.matches || []) {
    const a = s - hit.start, b = e - hit.start;
    if (a < at || b > bytes.length || a >= b) continue;
    frag.append(dec.decode(bytes.subarray(at, a)));
    frag.append(el("mark", {}, dec.decode(bytes.subarray(a, b))));
    at = b;
  }
  frag.append(dec.decode(bytes.subarray(at)));
  return frag;
}

async function toggleArticle(hit, li, button) {
  const open = li.querySelector(".article");
  if (open) {
    open.remove();
    button.textContent = "more from this article";
    button.setAttribute("aria-expanded", "false");
    return;
  }
  try {
    const a = await api("/articles/" + encodeURIComponent(hit.article_id));
    const box = el("div", { class: "article", tabindex: "0" });
    const body = new TextEncoder().encode(a.body);
    const dec = new TextDecoder();
    box.append(dec.decode(body.subarray(0, hit.start)),
               el("mark", {}, dec.decode(body.subarray(hit.start, hit.end))),
               dec.decode(body.subarray(hit.end)));
    li.append(box);
    button.textContent = "less";
    button.setAttribute("aria-expanded", "true");
  } catch (err) {
    showError(err.message);
  }
}

function resultItem(hit, same) {
  const li = el("li", { "data-article": hit.article_id, "data-actors": hit.actors.join(" ") });
  if (!same) {
    const title = hit.url ? el("a", { href: hit.url, rel: "noopener" }, hit.title || hit.article_id)
                          : (hit.title || hit.article_id);
    li.append(el("div", { class: "title" }, title),
              el("div", { class: "meta" }, [hit.date, hit.source].filter(Boolean).join(" · ")));
  }
  li.append(el("p", { class: "passage" }, highlighted(hit)));
  const tags = [];
  if (hit.actors.length) tags.push("actors: " + hit.actors.join(", "));
  if (hit.topics.length) tags.push("topics: " + hit.topics.join(", "));
  if (tags.length) li.append(el("div", { class: "tags" }, tags.join(" · ")));
  if (hit.also_in && hit.also_in.length) {
    const copies = hit.also_in.map((c) => [c.source, c.date].filter(Boolean).join(" ") || c.article_id);
    li.append(el("div", { class: "tags also" }, "also in: " + copies.join(", ")));
  }
  const more = el("button", { type: "button", class: "link", "aria-expanded": "false" },
                  "more from this article");
  more.addEventListener("click", () => toggleArticle(hit, li, more));
  li.append(more);
  return li;
}

function facetList(name, values, field) {
  if (!values || !values.length) return null;
  const ul = el("ul");
  for (const v of values.slice(0, 10)) {
    const pick = el("button", { type: "button", class: "link" }, v.name);
    if (field) pick.addEventListener("click", () => { $(field).value = v.name; run(0); });
    ul.append(el("li", {}, pick, el("span", {}, String(v.count))));
  }
  return el("section", {}, el("h2", {}, name), ul);
}

function chart(tl) {
  const box = $("chart");
  box.textContent = "";
  if (!tl || !tl.counts.length) { box.hidden = true; return; }
  const NS = "http://www.w3.org/2000/svg";
  const n = tl.counts.length, w = 600, h = 100, max = Math.max(1, ...tl.counts.map((c) => c.count));
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${tl.dated} dated articles by ${tl.period}`);
  const bw = w / n;
  tl.counts.forEach((c, i) => {
    const bh = Math.round((c.count / max) * h);
    const r = document.createElementNS(NS, "rect");
    r.setAttribute("class", "bar");
    r.setAttribute("x", (i * bw + 1).toFixed(1));
    r.setAttribute("width", Math.max(1, bw - 2).toFixed(1));
    r.setAttribute("y", h - bh);
    r.setAttribute("height", bh);
    r.setAttribute("data-period", c.period);
    r.setAttribute("data-count", c.count);
    const t = document.createElementNS(NS, "title");
    t.textContent = `${c.period}: ${c.count}`;
    r.append(t);
    svg.append(r);
  });
  const first = tl.counts[0].period, last = tl.counts[n - 1].period;
  box.append(svg, el("div", { class: "axis" }, el("span", {}, first),
                     el("span", {}, `${tl.dated} dated articles by ${tl.period}`),
                     el("span", {}, last)));
  box.hidden = false;
}

function params(from) {
  const p = new URLSearchParams();
  for (const f of FIELDS) {
    const v = $(f).value.trim();
    if (v && f !== "period") p.set(f, v);
  }
  p.set("limit", String(LIMIT));
  p.set("offset", String(from));
  p.set("facets", "1");
  p.set("timeline", $("period").value);
  return p;
}

async function run(from) {
  offset = from;
  const p = params(from);
  const own = new URLSearchParams();
  for (const f of FIELDS) if ($(f).value.trim()) own.set(f, $(f).value.trim());
  if (from) own.set("offset", String(from));
  history.replaceState(null, "", own.toString() ? "?" + own : location.pathname);
  if (![...p.keys()].some((k) => ["q", "actor", "topic", "source", "since", "until"].includes(k))) {
    $("status").textContent = "Type a query or pick a filter.";
    return;
  }
  showError("");
  $("status").textContent = "Searching…";
  $("go").disabled = true;
  try {
    render(await api("/search?" + p), from);
  } catch (err) {
    $("status").textContent = "";
    $("results").textContent = "";
    $("facets").hidden = true;
    $("chart").hidden = true;
    $("pages").hidden = true;
    showError(err.message);
  } finally {
    $("go").disabled = false;
  }
}

function render(res, from) {
  const list = $("results");
  list.textContent = "";
  let prev = null;
  for (const hit of res.results) {
    list.append(resultItem(hit, hit.article_id === prev));
    prev = hit.article_id;
  }
  const status = $("status");
  status.textContent = res.total === 1 ? "1 article matches" : `${res.total} articles match`;
  if (res.not_in_lexicon.length)
    status.append(` (searched as people: ${res.not_in_lexicon.join(", ")})`);
  if (res.suggestions.length) {
    const s = res.suggestions[0];
    const fix = el("button", { type: "button", class: "link", id: "suggestion" }, s);
    fix.addEventListener("click", () => { $("q").value = s; run(0); });
    status.append(" — did you mean: ", fix, "?");
  }
  const facets = $("facets");
  facets.textContent = "";
  const f = res.facets || {};
  for (const part of [facetList("Actors", f.actor, "actor"), facetList("Topics", f.topic, "topic"),
                      facetList("Sources", f.source, "source")])
    if (part) facets.append(part);
  facets.hidden = !facets.childElementCount;
  chart(res.timeline);
  const pages = Math.max(1, Math.ceil(res.total / LIMIT));
  $("pages").hidden = res.total <= LIMIT && from === 0;
  $("prev").disabled = from === 0;
  $("next").disabled = res.results.length < LIMIT;
  $("pageinfo").textContent = `page ${Math.floor(from / LIMIT) + 1} of about ${pages}`;
}

document.addEventListener("DOMContentLoaded", async () => {
  $("search").addEventListener("submit", (e) => { e.preventDefault(); run(0); });
  $("prev").addEventListener("click", () => run(Math.max(0, offset - LIMIT)));
  $("next").addEventListener("click", () => run(offset + LIMIT));
  $("period").addEventListener("change", () => run(offset));
  document.addEventListener("keydown", (e) => {
    const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
    if (e.key === "/" && !typing) { e.preventDefault(); $("q").focus(); }
  });
  await Promise.all([fillSelect("actor", "/actors", "actors"), fillSelect("topic", "/topics", "topics")]);
  const own = new URLSearchParams(location.search);
  for (const f of FIELDS) if (own.has(f)) $(f).value = own.get(f);
  document.body.dataset.ready = "1";
  if ([...own.keys()].length) run(Number(own.get("offset") || 0));
  else $("q").focus();
});
