// armsrace dashboard: plain JS over the JSON API. Every piece of text from the API or from
// the user goes into the page through textContent, never as HTML.
"use strict";

// asked for before plotly.js is parsed (app.js runs first), used once the page is ready
const metaRequest = api("/api/meta");

const state = { meta: null, loaded: {}, race: null, raceAbort: null, raceTimer: null };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path, options) {
  const resp = await fetch(path, options);
  if (!resp.ok) {
    let detail = resp.statusText;
    try {
      const body = await resp.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch (e) { /* not JSON */ }
    throw new Error(`${resp.status}: ${detail}`);
  }
  return resp.json();
}

function status(text, isError) {
  const s = document.getElementById("status");
  s.textContent = text || "";
  s.className = isError ? "error" : "";
}

function fmt(v, digits) {
  if (v === null || v === undefined || Number.isNaN(v)) return "—";
  if (typeof v !== "number") return String(v);
  const d = digits === undefined ? (Math.abs(v) >= 100 ? 0 : 2) : digits;
  return v.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: 0 });
}

// the shared label table (armsrace.labels): column id -> "Label (unit)"
function lab(id, year) {
  const text = (state.meta && state.meta.labels[id]) || id;
  return text.replace("{year}", year === undefined ? "base year" : String(year));
}

function params(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else p.append(k, v);
  }
  return p.toString();
}

function selected(select) {
  return Array.from(select.selectedOptions).map((o) => o.value);
}

function fillSelect(select, items, keep) {
  const before = keep ? new Set(selected(select)) : new Set();
  const first = select.querySelector("option[value='']");
  select.replaceChildren(...(first ? [first] : []));
  for (const it of items) {
    const [value, label] = Array.isArray(it) ? it : [it, it];
    select.append(el("option", { value, selected: before.has(value) }, label));
  }
}

// ---------------------------------------------------------------------------------- charts

const LAYOUT = { margin: { l: 60, r: 20, t: 50, b: 50 }, font: { size: 12 }, template: "plotly_white",
  paper_bgcolor: "#fff", plot_bgcolor: "#fff", legend: { orientation: "h", y: -0.2 } };
const CONFIG = { displaylogo: false, responsive: true,
  modeBarButtonsToRemove: ["sendDataToCloud"], toImageButtonOptions: { format: "png", scale: 2 } };

function chart(id, traces, layout, name) {
  const host = document.getElementById(id);
  let tools = host.querySelector(".chart-tools");
  let plotDiv = host.querySelector(".plot");
  if (!plotDiv) {
    tools = el("div", { class: "chart-tools" });
    plotDiv = el("div", { class: "plot" });
    for (const format of ["png", "svg"]) {
      tools.append(el("button", { type: "button", class: `download-${format}`,
        onclick: () => Plotly.downloadImage(plotDiv, { format, filename: host.dataset.name || id,
          width: plotDiv.clientWidth || 900, height: plotDiv.clientHeight || 450 }) },
        format.toUpperCase()));
    }
    host.append(tools, plotDiv);
  }
  host.dataset.name = name || id;
  const full = Object.assign({}, LAYOUT, layout);
  // plotly.js 3 takes titles as {text}
  if (typeof full.title === "string") full.title = { text: full.title, font: { size: 14 } };
  for (const axis of ["xaxis", "yaxis"]) {
    if (full[axis] && typeof full[axis].title === "string") full[axis] = Object.assign({}, full[axis], { title: { text: full[axis].title } });
  }
  plotDiv.style.height = `${full.height || 450}px`; // the box keeps the plot's height
  return Plotly.react(plotDiv, traces, full, CONFIG);
}

function renderSources(id, sources) {
  const box = document.getElementById(id);
  const list = box.querySelector("ol");
  box.querySelector("summary").textContent = `Sources (${sources.length})`;
  list.replaceChildren(...sources.map((s) => el("li", { "data-source": s.source_id },
    el("strong", {}, s.source_id), " — ", s.publisher || "", s.title ? `, ${s.title}` : "",
    s.date_published ? ` (${s.date_published})` : "", s.url ? " " : "",
    s.url ? el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, s.url) : "",
    s.license ? ` — licence: ${s.license}` : "")));
}

function renderTable(id, columns, rows) {
  const table = document.getElementById(id);
  const head = el("tr", {}, columns.map(([, label]) => el("th", {}, label)));
  const body = rows.map((r) => el("tr", {}, columns.map(([key, , kind]) => {
    const v = typeof key === "function" ? key(r) : r[key];
    return el("td", { class: typeof v === "number" ? "num" : null },
      typeof v === "number" ? fmt(v, kind) : (v === null || v === undefined ? "—" : v));
  })));
  table.replaceChildren(el("thead", {}, head), el("tbody", {}, body));
}

function listInto(id, items) {
  document.getElementById(id).replaceChildren(...items.map((t) => el("li", {}, t)));
}

// --------------------------------------------------------------------------------- targets

function targetsEntities(form) {
  const mode = form.mode.value;
  const allies = state.meta.allies;
  const names = Object.fromEntries(state.meta.entities.map((e) => [e.entity_id, e.name]));
  const options = mode === "blocs" ? ["NATO", "NATO_EUCA"] : allies;
  fillSelect(form.entity, options.map((e) => [e, `${e} ${names[e] || ""}`]), true);
}

async function loadTargets() {
  const form = document.getElementById("targets-form");
  const chosen = selected(form.entity);
  const q = { year: form.year.value, release: form.release.value, growth_pct: form.growth_pct.value,
    deadline_year: form.deadline_year.value,
    entity: chosen.length ? chosen.slice(0, 8) : ["NATO", "NATO_EUCA"] };
  const data = await api(`/api/targets?${params(q)}`);
  const lv = data.levels;
  const mode = form.mode.value;
  let rows = mode === "blocs" ? data.blocs : data.allies;
  const nameOf = Object.fromEntries(data.allies.map((r) => [r.entity, r.name]));
  if (chosen.length) rows = rows.filter((r) => chosen.includes(r.entity));
  rows = rows.slice().sort((a, b) => (b.share_gdp_pct ?? -1) - (a.share_gdp_pct ?? -1));
  const x = rows.map((r) => r.entity);
  const lines = [[lv.floor_pct, "2% floor", "#888"], [lv.core_pct, "3.5% core", "#fca311"],
    [lv.total_pct, "5% total", "#c62828"]];
  await chart("targets-chart", [{ type: "bar", x, y: rows.map((r) => r.share_gdp_pct),
    marker: { color: "#14213d" }, name: "defence spending, % of GDP",
    hovertext: rows.map((r) => `${nameOf[r.entity] || r.entity}: ${fmt(r.share_gdp_pct)}%`) }],
  { title: `Defence spending ${data.year}, % of GDP (${data.release}) against the targets`,
    yaxis: { title: "% of GDP" },
    shapes: lines.map(([y, , c]) => ({ type: "line", xref: "paper", x0: 0, x1: 1, y0: y, y1: y,
      line: { color: c, dash: "dash" } })),
    annotations: lines.map(([y, t, c]) => ({ xref: "paper", x: 1, y, text: t, showarrow: false,
      xanchor: "right", yanchor: "bottom", font: { color: c } })) }, "targets-share");
  const level = form.level.value;
  const dl = data.deadline_year;
  const gapNow = `gap_${level}_usd_bn`;
  const gapThen = level === "2pct" ? null : `gap_${level}_usd_bn_${dl}`;
  const cols = ["entity", "name", "share_gdp_pct", `gap_${level}_pp`, gapNow, gapThen, "gdp_usd_bn", "spending_usd_bn"].filter(Boolean);
  renderTable("targets-table", cols.map((c) => [c === "name" ? (r) => nameOf[r.entity] || r.entity : c, lab(c, data.year)]), rows);
  const paths = data.paths;
  const ids = [...new Set(paths.map((p) => p.entity))];
  await chart("targets-paths", ids.flatMap((e) => ["3.5% core", "5% total"].map((t) => {
    const pts = paths.filter((p) => p.entity === e && p.target === t);
    return { type: "scatter", mode: "lines", name: `${e} → ${t}`, x: pts.map((p) => p.year),
      y: pts.map((p) => p.spending_usd_bn), line: { dash: t === "5% total" ? "dot" : "solid" } };
  })), { title: `Straight-line paths to the ${dl} deadline (USD bn; pick entities above)`,
    yaxis: { title: "USD bn" } }, "targets-paths");
  const burden = data.burden.slice(0, 15);
  await chart("targets-burden", [
    { type: "bar", name: "share of NATO GDP (%)", x: burden.map((r) => r.entity), y: burden.map((r) => r.share_of_nato_gdp_pct) },
    { type: "bar", name: "share of NATO defence spending (%)", x: burden.map((r) => r.entity), y: burden.map((r) => r.share_of_nato_spending_pct) },
  ], { barmode: "group", title: "Burden sharing: share of NATO GDP vs share of NATO defence spending (15 largest)",
    yaxis: { title: "%" } }, "burden-sharing");
  listInto("targets-missing", data.missing.map((m) => `missing: ${m}`));
  renderSources("targets-sources", data.sources);
}

// -------------------------------------------------------------------------------- spending

function spendingReleases(form) {
  fillSelect(form.release, state.meta.releases[form.definition.value] || []);
}

async function loadSpending() {
  const form = document.getElementById("spending-form");
  const entity = selected(form.entity);
  if (!entity.length) return;
  const data = await api(`/api/spending?${params({ entity, definition: form.definition.value,
    measure: form.measure.value, release: form.release.value })}`);
  const traces = data.series.map((s) => ({ type: "scatter", mode: "lines+markers", name: s.name || s.entity,
    x: s.points.map((p) => p.year), y: s.points.map((p) => p.value) }));
  const unit = { pct_gdp: "% of GDP", usd_million: "USD million", intl_usd_billion: "international USD bn (PPP)" }[data.unit] || data.unit;
  await chart("spending-chart", traces, {
    title: `Military expenditure, ${unit} — ${data.definition} ${data.release || ""}`,
    yaxis: { title: unit }, xaxis: { title: "year" },
    shapes: data.events.map((ev) => ({ type: "line", x0: ev.year, x1: ev.year, yref: "paper", y0: 0, y1: 1,
      line: { color: "#999", dash: "dot" } })),
    annotations: data.events.map((ev) => ({ x: ev.year, yref: "paper", y: 1.02, text: ev.label,
      showarrow: false, font: { size: 10, color: "#666" } })) }, "spending");
  const bases = [...new Set(data.series.map((s) => s.price_base).filter(Boolean))];
  const derived = data.series.find((s) => s.derived);
  document.getElementById("spending-note").textContent = [
    bases.length ? `Constant prices, base year ${bases.join(", ")} (never compare across bases).` : "",
    derived ? `Derived: ${derived.derived}.` : ""].join(" ");
  listInto("spending-missing", data.missing.map((m) => `missing: ${m}`));
  renderSources("spending-sources", data.sources);
}

// ------------------------------------------------------------------------------------ race

function raceScenario() {
  const form = document.getElementById("race-form");
  return state.meta.scenarios.find((s) => s.name === form.scenario.value);
}

function raceDefaults() {
  const form = document.getElementById("race-form");
  const sc = raceScenario();
  const path = sc.challenger_path;
  form.challenger_share_pct.value = path.target_share_gdp_pct ?? 2;
  form.challenger_year.value = path.target_year ?? 2035;
  form.dataset.defaultShare = form.challenger_share_pct.value;
  form.dataset.defaultYear = form.challenger_year.value;
  document.getElementById("challenger-label").textContent = sc.side_labels[0];
  const box = document.getElementById("race-items");
  box.replaceChildren(el("legend", {}, `Items, and a shift of ${sc.side_labels[0]}'s budget share (× today's)`),
    ...sc.items.map((id, i) => el("label", {},
      el("input", { type: "checkbox", name: "items", value: id, checked: true }), sc.item_labels[i], " ",
      el("input", { type: "number", name: "alloc", "data-item": id, min: "0.1", max: "20", step: "0.1",
        placeholder: "×1", class: "alloc", "aria-label": `budget share multiple for ${sc.item_labels[i]}` }))));
  fillSelect(document.getElementById("race-fan-item"), sc.items.map((id, i) => [id, sc.item_labels[i]]));
  raceOutputs();
}

function raceOutputs() {
  const f = document.getElementById("race-form");
  f.cs_out.value = `${f.challenger_share_pct.value}%`;
  f.cy_out.value = f.challenger_year.value;
  f.rs_out.value = `${f.rival_share_pct.value}%`;
  f.ry_out.value = f.rival_year.value;
  f.cd_out.value = f.challenger_delay_months.value;
  f.rd_out.value = f.rival_delay_months.value;
  f.ab_out.value = f.allocation_by_year.value;
}

function raceLevers() {
  const f = document.getElementById("race-form");
  const body = { scenario: f.scenario.value, runs: Number(f.runs.value), seed: Number(f.seed.value || 0) };
  if (f.challenger_share_pct.value !== f.dataset.defaultShare || f.challenger_year.value !== f.dataset.defaultYear) {
    body.challenger_share_pct = Number(f.challenger_share_pct.value);
    body.challenger_year = Number(f.challenger_year.value);
  }
  body.rival_path = f.rival_path.value;
  if (body.rival_path === "linear") {
    body.rival_share_pct = Number(f.rival_share_pct.value);
    body.rival_year = Number(f.rival_year.value);
  }
  body.challenger_delay_months = Number(f.challenger_delay_months.value);
  body.rival_delay_months = Number(f.rival_delay_months.value);
  if (f.learning_low.value !== "" && f.learning_high.value !== "") {
    body.learning_low = Number(f.learning_low.value);
    body.learning_high = Number(f.learning_high.value);
  }
  const items = Array.from(f.querySelectorAll("input[name=items]"));
  const on = items.filter((i) => i.checked).map((i) => i.value);
  if (on.length !== items.length) body.items = on;
  const alloc = {};
  for (const input of f.querySelectorAll("input[name=alloc]")) {
    if (input.value !== "" && on.includes(input.dataset.item) && Number(input.value) > 0) alloc[input.dataset.item] = Number(input.value);
  }
  if (Object.keys(alloc).length) {
    body.allocation_multiple = alloc;
    body.allocation_by_year = Number(f.allocation_by_year.value);
  }
  return body;
}

function scheduleRace() {
  raceOutputs();
  // a 'change' on blur with nothing new (e.g. leaving a number box) runs nothing
  if (JSON.stringify(raceLevers()) === state.raceKey) return;
  clearTimeout(state.raceTimer);
  state.raceTimer = setTimeout(() => runRace().catch(raceError), 350);
}

function raceError(e) {
  if (e.name === "AbortError") return;
  state.raceKey = null; // the same levers may be tried again
  document.getElementById("race-progress").hidden = true;
  const s = document.getElementById("race-status");
  s.textContent = e.message;
  s.className = "error";
}

// POST the levers to the streamed endpoint: progress lines, then the result line
async function simulateStreamed(body, signal, onProgress) {
  const resp = await fetch("/api/race/simulate/stream", { method: "POST", signal,
    headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!resp.ok) {
    let detail = resp.statusText;
    try { const b = await resp.json(); detail = typeof b.detail === "string" ? b.detail : JSON.stringify(b.detail); } catch (e) { /* not JSON */ }
    throw new Error(`${resp.status}: ${detail}`);
  }
  const reader = resp.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      const msg = JSON.parse(line);
      if (msg.result) return msg.result;
      if (msg.error) throw new Error(`${msg.status}: ${msg.error}`);
      onProgress(msg.done, msg.total);
    }
  }
  throw new Error("the simulation stream ended without a result");
}

async function runRace() {
  if (state.raceAbort) state.raceAbort.abort();
  const ctrl = new AbortController();
  state.raceAbort = ctrl;
  const body = raceLevers();
  state.raceKey = JSON.stringify(body);
  const prog = document.getElementById("race-progress");
  const s = document.getElementById("race-status");
  prog.hidden = false;
  s.className = "";
  s.textContent = `running ${body.runs.toLocaleString("en-US")} runs…`;
  prog.removeAttribute("value");
  const data = await simulateStreamed(body, ctrl.signal, (done, total) => {
    if (total > 0) { prog.max = total; prog.value = done; }
    s.textContent = `running ${body.runs.toLocaleString("en-US")} runs… ${total ? Math.round((100 * done) / total) : 0}%`;
  });
  if (state.raceAbort !== ctrl) return;
  state.race = data;
  prog.hidden = true;
  s.textContent = `${data.runs.toLocaleString("en-US")} runs, seed ${data.seed}: ${data.elapsed_s.toFixed(2)} s`;
  const label = Object.fromEntries(data.items.map((id, i) => [id, data.item_labels[i]]));
  listInto("race-levers", data.levers.length ? data.levers.map((l) => `lever: ${l}`) : ["no lever moved: the scenario as packaged"]);
  renderTable("race-table", [[(r) => label[r.item], lab("item")], ["p_catch_up", lab("p_catch_up"), 3],
    [(r) => r.catch_up_median || "never", lab("catch_up_median")],
    [(r) => `${r.catch_up_p5 || "never"} – ${r.catch_up_p95 || "never"}`, "90% interval of the catch-up month"],
    ["share_never", lab("share_never"), 3], ["p_ahead_at_start", lab("p_ahead_at_start"), 3],
    [(r) => r.coverage || "", lab("coverage")]], data.catch_up);
  await chart("race-prob", data.items.map((id) => {
    const rows = data.by_year.filter((r) => r.item === id);
    return { type: "scatter", mode: "lines+markers", name: label[id], x: rows.map((r) => r.year),
      y: rows.map((r) => r.p_caught_up_by) };
  }), { title: `P(${data.side_labels[0]} has caught up with ${data.side_labels[1]} by the end of the year)`,
    yaxis: { title: "probability", range: [0, 1.02] } }, "catch-up-probability");
  await drawFan();
  document.getElementById("race-sobol-chart").replaceChildren();
  const notes = data.notes.concat(data.assumptions.map((a) => `assumption (${a.inputs}): ${a.assumption}`));
  listInto("race-notes", notes);
  renderSources("race-sources", data.sources);
  document.getElementById("view-race").dataset.runs = String(data.runs);
  document.getElementById("view-race").dataset.result = JSON.stringify(data.catch_up);
}

async function drawFan() {
  const data = state.race;
  if (!data) return;
  const item = document.getElementById("race-fan-item").value || data.items[0];
  const i = data.items.indexOf(item);
  const colors = ["#14213d", "#c62828"];
  const traces = [];
  data.sides.forEach((side, k) => {
    const rows = data.output_fan.filter((r) => r.item === item && r.side === side);
    const x = rows.map((r) => r.date);
    traces.push({ x, y: rows.map((r) => r.p95), mode: "lines", line: { width: 0 }, showlegend: false, hoverinfo: "skip", type: "scatter" });
    traces.push({ x, y: rows.map((r) => r.p5), mode: "lines", line: { width: 0 }, fill: "tonexty",
      fillcolor: k ? "rgba(198,40,40,.18)" : "rgba(20,33,61,.18)", name: `${data.side_labels[k]} 90% band`, type: "scatter" });
    traces.push({ x, y: rows.map((r) => r.p50), mode: "lines", line: { color: colors[k] }, name: `${data.side_labels[k]} median`, type: "scatter" });
  });
  await chart("race-fan", traces, { title: `Monthly output of ${data.item_labels[i]} (${data.units[i]} per month)`,
    yaxis: { title: `${data.units[i]} per month`, type: "log" } }, `fan-${item}`);
}

async function runSobol() {
  const prog = document.getElementById("sobol-progress");
  prog.hidden = false;
  try {
    const data = await api("/api/race/sensitivity", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(Object.assign(raceLevers(), { n_base: 64 })) });
    const rows = data.ranking.slice().reverse();
    await chart("race-sobol-chart", [
      { type: "bar", orientation: "h", name: "total (ST)", y: rows.map((r) => r.parameter), x: rows.map((r) => r.ST) },
      { type: "bar", orientation: "h", name: "first order (S1)", y: rows.map((r) => r.parameter), x: rows.map((r) => r.S1) },
    ], { title: `What matters most for the catch-up month (Sobol, ${data.evaluations.toLocaleString("en-US")} evaluations)`,
      barmode: "group", margin: { l: 300, r: 20, t: 50, b: 50 }, height: 520 }, "sobol");
  } catch (e) { raceError(e); }
  prog.hidden = true;
}

// ---------------------------------------------------------------------------------- claims

function renderArticle(data) {
  const art = document.getElementById("claims-article");
  const parts = [];
  let pos = 0;
  data.claims.forEach((c, n) => {
    if (c.start < pos) return; // overlapping claims: the first one is highlighted
    parts.push(document.createTextNode(data.text.slice(pos, c.start)));
    parts.push(el("mark", { class: c.verdict, "data-claim": n, title: `${c.verdict}: ${c.reason || ""}`,
      onclick: (ev) => showEvidence(data, n, ev.currentTarget) }, data.text.slice(c.start, c.end)));
    pos = c.end;
  });
  parts.push(document.createTextNode(data.text.slice(pos)));
  art.replaceChildren(...parts);
}

function showEvidence(data, n, mark) {
  document.querySelectorAll("#claims-article mark.selected").forEach((m) => m.classList.remove("selected"));
  if (mark) mark.classList.add("selected");
  const c = data.claims[n];
  const box = document.getElementById("claims-evidence");
  box.replaceChildren(
    el("h3", {}, `Claim ${n + 1}: `, el("span", { class: `verdict-${c.verdict}` }, c.verdict)),
    el("p", {}, el("q", {}, c.text)),
    el("p", {}, `${c.qualifier ? c.qualifier + " " : ""}${fmt(c.value, 6)} ${c.unit} — ${c.metric}`,
      c.subject ? `, ${c.subject}` : "", c.year ? `, ${c.year}` : ""),
    c.measure ? el("p", {}, `measure: ${c.measure}`) : "",
    c.tolerance ? el("p", {}, `tolerance: ${c.tolerance}`) : "",
    c.reason ? el("p", {}, c.reason) : "",
    el("ul", {}, c.evidence.map((e) => el("li", {},
      e.agrees === true ? "✓ " : e.agrees === false ? "✗ " : "· ",
      e.description, ": ",
      e.low !== null && e.high !== null ? `${fmt(e.low, 6)}–${fmt(e.high, 6)}` : fmt(e.value, 6),
      ` ${e.unit || ""} `, el("em", {}, `[${e.source_id || "store"}]`)))),
  );
}

async function checkClaims(ev) {
  ev.preventDefault();
  const form = document.getElementById("claims-form");
  let text = form.text.value;
  let kind = "auto";
  let name = "<pasted>";
  const file = form.file.files[0];
  if (file) {
    text = await file.text();
    name = file.name;
    kind = /\.html?$/i.test(file.name) ? "html" : "text";
  }
  if (!text.trim()) { document.getElementById("claims-summary").textContent = "Paste a text or choose a file first."; return; }
  const summary = document.getElementById("claims-summary");
  summary.textContent = "checking…";
  summary.className = "";
  try {
    const data = await api("/api/claims/check", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, kind, name, date: form.date.value || null }) });
    summary.textContent = `${data.claims.length} claims (article date ${data.date || "unknown"}): ` +
      `${data.counts.supported} supported, ${data.counts.contradicted} contradicted, ${data.counts.unverifiable} unverifiable`;
    renderArticle(data);
    document.getElementById("claims-evidence").replaceChildren(el("p", { class: "hint" }, "Click a highlighted claim to see its evidence."));
    renderSources("claims-sources", data.sources);
  } catch (e) {
    summary.textContent = e.message;
    summary.className = "error";
  }
}

// ------------------------------------------------------------------------------------ data

function dataQuery() {
  const f = document.getElementById("data-form");
  return { table: f.table.value, entity: f.entity.value, indicator: f.indicator.value, release: f.release.value,
    item: f.item.value, year_from: f.year_from.value, year_to: f.year_to.value };
}

async function loadData() {
  const q = dataQuery();
  if (q.table !== "observations") { q.entity = ""; q.indicator = ""; q.release = ""; }
  if (q.table !== "production") q.item = "";
  document.getElementById("data-csv").href = `/api/facts.csv?${params(q)}`;
  const data = await api(`/api/facts?${params(Object.assign({ limit: 500 }, q))}`);
  document.getElementById("data-count").textContent =
    `${data.total.toLocaleString("en-US")} rows${data.truncated ? " (first 500 shown; the CSV has all)" : ""}`;
  const titles = Object.fromEntries(data.sources.map((s) => [s.source_id, `${s.publisher || ""}: ${s.title || ""} ${s.url || ""}`]));
  const table = document.getElementById("data-table");
  const cols = data.columns.filter((c) => c !== "note");
  table.replaceChildren(el("thead", {}, el("tr", {}, cols.map((c) => el("th", { title: c }, lab(c))))),
    el("tbody", {}, data.rows.map((r) => el("tr", {}, cols.map((c) => c === "source_id"
      ? el("td", { title: titles[r[c]] || "" }, r[c] ?? "—")
      : el("td", { class: typeof r[c] === "number" ? "num" : null },
        r[c] === null ? "—" : c === "year" ? String(r[c]) : typeof r[c] === "number" ? fmt(r[c], 6) : r[c]))))));
  renderSources("data-sources", data.sources);
}

// ------------------------------------------------------------------------------------ boot

async function setupRace() {
  const rf = document.getElementById("race-form");
  state.meta.scenarios = await api("/api/race/scenarios");
  fillSelect(rf.scenario, state.meta.scenarios.map((s) => [s.name, s.title]));
  if (state.meta.scenarios.some((s) => s.name === "nato-hague-vs-russia")) rf.scenario.value = "nato-hague-vs-russia";
  raceDefaults();
  rf.scenario.addEventListener("change", raceDefaults);
  rf.addEventListener("input", scheduleRace);
  rf.addEventListener("change", scheduleRace);
  document.getElementById("race-fan-item").addEventListener("change", () => drawFan());
  document.getElementById("race-sobol").addEventListener("click", runSobol);
}

const VIEWS = { targets: loadTargets, spending: loadSpending, race: async () => { await state.raceReady; await runRace(); }, data: loadData, claims: async () => {} };

async function show(view) {
  if (!VIEWS[view]) view = "targets";
  document.querySelectorAll(".view").forEach((s) => { s.hidden = s.id !== `view-${view}`; });
  document.querySelectorAll("#tabs a").forEach((a) => a.classList.toggle("active", a.dataset.view === view));
  if (!state.loaded[view]) {
    state.loaded[view] = true;
    try { await VIEWS[view](); } catch (e) { status(e.message, true); if (view === "race") raceError(e); }
  }
  document.getElementById(`view-${view}`).dataset.ready = "1";
}

function wire(formId, fn) {
  const form = document.getElementById(formId);
  form.addEventListener("change", () => fn().catch((e) => status(e.message, true)));
}

async function boot() {
  status("loading…");
  const meta = await metaRequest;
  state.meta = meta;
  const names = Object.fromEntries(meta.entities.map((e) => [e.entity_id, e.name]));
  const tf = document.getElementById("targets-form");
  fillSelect(tf.release, meta.share_releases);
  tf.release.value = "NATO 2025-08";
  tf.deadline_year.value = meta.levels.deadline_year;
  targetsEntities(tf);
  tf.mode.addEventListener("change", () => targetsEntities(tf));
  wire("targets-form", loadTargets);

  const sf = document.getElementById("spending-form");
  const ents = meta.entities.filter((e) => e.kind === "country" || e.kind === "bloc");
  fillSelect(sf.entity, ents.map((e) => [e.entity_id, `${e.entity_id} ${e.name || ""}`]));
  for (const e of ["RUS", "USA", "DEU", "POL", "FRA", "GBR"]) {
    const o = sf.entity.querySelector(`option[value="${e}"]`);
    if (o) o.selected = true;
  }
  spendingReleases(sf);
  sf.definition.addEventListener("change", () => spendingReleases(sf));
  wire("spending-form", loadSpending);

  state.raceReady = setupRace();

  document.getElementById("claims-form").addEventListener("submit", checkClaims);

  const df = document.getElementById("data-form");
  fillSelect(df.entity, meta.entities.map((e) => [e.entity_id, `${e.entity_id} ${names[e.entity_id] || ""}`]));
  fillSelect(df.indicator, meta.indicators);
  fillSelect(df.release, [...new Set(Object.values(meta.releases).flat())].sort());
  fillSelect(df.item, meta.items);
  wire("data-form", loadData);
  status(`armsrace ${meta.version}`);
  window.addEventListener("hashchange", () => show(location.hash.slice(1)));
  await show(location.hash.slice(1) || "targets");
  document.body.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", () => {
  boot().catch((e) => status(e.message, true));
});
