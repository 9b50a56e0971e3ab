// The dashboard: filters, map, dyad timeline, actor network, event browser and article view.
"use strict";

const PAGE = 50;
const MAP_ROWS = 1000;
const state = { filters: {}, offset: 0, selected: null, maxRows: null };

// Rows to ask for: at most the server's cap (`max_rows` in /health; a larger limit would be capped anyway).
function rows(n) { return state.maxRows ? Math.min(n, state.maxRows) : n; }

function $(id) { return document.getElementById(id); }

function readFilters() {
  const form = $("filters");
  const f = {};
  for (const name of ["actor", "code", "since", "until", "place"]) {
    const v = form.elements[name].value.trim();
    if (v) f[name] = v;
  }
  if (form.elements.dedup.checked) f.dedup = true;
  return f;
}

function writeFilters(f) {
  const form = $("filters");
  for (const name of ["actor", "code", "since", "until", "place"]) form.elements[name].value = f[name] || "";
  form.elements.dedup.checked = !!f.dedup;
}

function showError(err) {
  $("filter-error").textContent = err ? String(err.message || err) : "";
}

function actorLabel(a) {
  if (!a) return "—";
  return a.code;
}

function placeLabel(loc) {
  return loc ? loc.name : "";
}

// -- event browser --------------------------------------------------------------------------

async function loadEvents() {
  const params = { ...state.filters, limit: rows(PAGE), offset: state.offset };
  const data = await api("/events", params);
  const tbody = $("events").querySelector("tbody");
  tbody.replaceChildren();
  for (const e of data.events) {
    const tr = el("tr", { tabindex: 0, "data-event-id": e.event_id, "data-article-id": e.article_id });
    const cells = [e.date || "?", actorLabel(e.source), e.cameo, e.plover_type || "", actorLabel(e.target),
      placeLabel(e.location), e.num_mentions !== undefined ? `${e.num_mentions} / ${e.num_articles} art. / ${e.num_sources} src.` : "1",
      e.trigger || "", e.evidence];
    cells.forEach((c, i) => {
      // the evidence and the longer texts wrap; dates and codes keep to one line
      const td = el("td", { class: i === 8 ? "evidence" : i === 5 || i === 6 ? "wrap" : null }, c);
      if (i === 2) td.appendChild(el("span", { class: `quad q${e.quad_class}`, title: `QuadClass ${e.quad_class}, Goldstein ${e.goldstein}` }));
      tr.appendChild(td);
    });
    const open = () => selectEvent(e, tr);
    tr.addEventListener("click", open);
    tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") open(); });
    tbody.appendChild(tr);
  }
  const first = data.count ? state.offset + 1 : 0;
  $("events-count").textContent = `(${first}–${state.offset + data.count}${data.next_offset !== null ? ", more" : ""}${state.filters.dedup ? ", deduplicated" : ""})`;
  $("page").textContent = data.count ? `rows ${first}–${state.offset + data.count}` : "no events match";
  $("prev").disabled = state.offset === 0;
  $("next").disabled = data.next_offset === null;
  state.nextOffset = data.next_offset;
}

function markTrigger(mark, text, trigger) {
  // Bold the first whole-word occurrence of the trigger inside the evidence.
  if (trigger) {
    const re = /[\p{L}\p{N}]/u;
    let i = text.indexOf(trigger);
    while (i >= 0) {
      const before = i === 0 ? "" : text[i - 1], after = text[i + trigger.length] || "";
      if (!re.test(before) && !re.test(after)) {
        mark.appendChild(document.createTextNode(text.slice(0, i)));
        mark.appendChild(el("strong", { class: "trigger" }, trigger));
        mark.appendChild(document.createTextNode(text.slice(i + trigger.length)));
        return;
      }
      i = text.indexOf(trigger, i + 1);
    }
  }
  mark.textContent = text;
}

async function selectEvent(e, row) {
  for (const r of $("events").querySelectorAll("tr.selected")) r.classList.remove("selected");
  if (row) row.classList.add("selected");
  state.selected = e.event_id;
  const art = await api(`/articles/${encodeURIComponent(e.article_id)}`);
  $("article-title").textContent = `${art.title || art.article_id}${art.date ? " · " + art.date : ""}${art.source ? " · " + art.source : ""}`;
  const dl = $("event-detail");
  dl.replaceChildren();
  const fields = [["event", `${e.cameo} (${e.plover_type || "no PLOVER type"}${e.plover_mode ? ", " + e.plover_mode : ""})`],
    ["who", `${e.source ? e.source.code + " “" + e.source.text + "”" : "—"} → ${e.target ? e.target.code + " “" + e.target.text + "”" : "—"}`],
    ["when", `${e.date || "unknown"} (${e.date_precision}, from the ${e.date_source})`],
    ["where", e.location ? `${e.location.name}${e.location.country ? ", " + e.location.country : ""}` : "unknown"],
    ["Goldstein / QuadClass", `${e.goldstein} / ${e.quad_class}`], ["confidence", String(e.confidence)],
    ["why", e.explanation || ""]];
  if (e.num_mentions !== undefined) fields.push(["reported", `${e.num_mentions} mentions in ${e.num_articles} articles from ${e.num_sources} sources`]);
  for (const [k, v] of fields) { dl.appendChild(el("dt", {}, k)); dl.appendChild(el("dd", {}, v)); }

  const box = $("article-text");
  box.replaceChildren();
  const text = art.text;
  let pos = 0, current = null;
  for (const span of art.spans) {
    if (span.start < pos) continue; // overlapping spans: keep the first
    box.appendChild(document.createTextNode(text.slice(pos, span.start)));
    const isCurrent = span.event_ids.includes(e.event_id) || (e.mention_ids && span.event_ids.some((id) => e.mention_ids.includes(id)));
    const mark = el("mark", { class: isCurrent ? "evidence current" : "evidence", "data-event-ids": span.event_ids.join(" "),
      title: `${span.event_ids.length} event${span.event_ids.length === 1 ? "" : "s"} coded from this sentence` });
    const evidenceText = text.slice(span.start, span.end);
    if (isCurrent) markTrigger(mark, evidenceText, e.trigger); else mark.textContent = evidenceText;
    box.appendChild(mark);
    if (isCurrent && !current) current = mark;
    pos = span.end;
  }
  box.appendChild(document.createTextNode(text.slice(pos)));
  if (current) current.scrollIntoView({ block: "nearest" });
}

// -- map, network, timeline -------------------------------------------------------------------

let eventMap = null;

async function loadMap() {
  const data = await api("/events", { ...state.filters, limit: rows(MAP_ROWS) });
  eventMap.setEvents(data.events, data.next_offset !== null);
  const located = eventMap.points.reduce((s, p) => s + p.n, 0);
  $("map-count").textContent = `(${located} of ${data.count}${data.next_offset !== null ? "+" : ""} events have a location)`;
}

async function loadNetwork() {
  const { actor, code, since, until, dedup } = state.filters;
  const [data, countries] = await Promise.all([
    api("/dyads", { actor, code, since, until, dedup, limit: rows(60) }),
    api("/dyads", { actor, code, since, until, dedup, level: "country", limit: rows(100) })]);
  state.network = data.dyads;
  drawNetwork($("network"), data.dyads, filterByActor);
  // the timeline picks country pairs (KAZ -> UZB); the API matches them against codes or countries
  const sel = $("dyad");
  const previous = sel.value;
  sel.replaceChildren();
  for (const d of countries.dyads) {
    sel.appendChild(el("option", { value: JSON.stringify([d.source, d.target]) }, `${d.source} → ${d.target} (${d.events} events, ${d.dated} dated)`));
  }
  if ([...sel.options].some((o) => o.value === previous)) sel.value = previous;
  else {
    const first = defaultDyad(countries.dyads);
    if (first) sel.value = JSON.stringify([first.source, first.target]);
  }
  await loadTimeline();
}

function filterByActor(codeName) {
  writeFilters({ ...state.filters, actor: codeName });
  apply();
}

// The timeline opens on the busiest pair of different actors (dyads come most events first),
// one with dated events when there is one; a country's dealings with itself come last.
function defaultDyad(dyads) {
  const pairs = dyads.filter((d) => d.source !== d.target);
  return pairs.find((d) => d.dated > 0) || pairs[0] || dyads.find((d) => d.dated > 0) || dyads[0] || null;
}

async function loadTimeline() {
  const sel = $("dyad");
  if (!sel.value) { drawTimeline($("timeline"), null, $("timeline-note")); return; }
  const [a, b] = JSON.parse(sel.value);
  const { code, since, until, dedup } = state.filters;
  const data = await api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline`, {
    interval: $("interval").value, symmetric: $("symmetric").checked, code, since, until, dedup });
  drawTimeline($("timeline"), data, $("timeline-note"));
}

async function loadStatus() {
  const h = await api("/health");
  if (h.max_rows) state.maxRows = h.max_rows;
  $("status").textContent = `${h.counts.articles} articles · ${h.counts.events} events · ${h.counts.actors} actors · steppe ${h.version}` +
    (h.writes_enabled ? "" : " · read-only");
}

async function apply() {
  state.filters = readFilters();
  state.offset = 0;
  showError(null);
  try {
    await Promise.all([loadEvents(), loadMap(), loadNetwork()]);
    document.body.setAttribute("data-loaded", "true");
  } catch (err) {
    showError(err);
  }
}

async function main() {
  eventMap = new EventMap($("map"), $("map-note"), $("map-tip"));
  eventMap.onPlace = (name) => { writeFilters({ ...state.filters, place: name }); apply(); };
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); apply(); });
  $("reset").addEventListener("click", () => { writeFilters({}); apply(); });
  $("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - rows(PAGE)); loadEvents().catch(showError); });
  $("next").addEventListener("click", () => { if (state.nextOffset !== null) { state.offset = state.nextOffset; loadEvents().catch(showError); } });
  $("map-world").addEventListener("click", () => eventMap.world());
  $("map-fit").addEventListener("click", () => eventMap.fit());
  for (const id of ["dyad", "interval", "symmetric"]) $(id).addEventListener("change", () => loadTimeline().catch(showError));
  const boundaries = eventMap.loadBoundaries("/static/vendor/countries-110m.json", "/static/country-codes.json");
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { if (state.network) drawNetwork($("network"), state.network, filterByActor); }, 100);
  });
  try { await loadStatus(); } catch (err) { $("status").textContent = `server not reachable: ${err.message}`; }
  await boundaries;
  await apply();
}

document.addEventListener("DOMContentLoaded", () => { main(); });
