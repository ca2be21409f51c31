// The network page: a small force-directed drawing of the defense-obligation network.
// No library: positions come from a seeded Fruchterman–Reingold layout over every
// membership the treaties ever had, so states stay put while the date slider moves.
// All text goes in with textContent (never innerHTML).
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const W = 1000, H = 720, PAD = 24, GRAVITY = 0.06;
  const svg = document.getElementById("network");
  if (!svg) return;
  const edgesG = document.getElementById("net-edges");
  const nodesG = document.getElementById("net-nodes");
  const slider = document.getElementById("year");
  const yearOut = document.getElementById("year-out");
  const dateLabel = document.getElementById("date-label");
  const select = document.getElementById("state-select");
  const legend = document.getElementById("net-legend");
  const stats = document.getElementById("net-stats");
  const panelTitle = document.getElementById("allies-title");
  const panelHint = document.getElementById("allies-hint");
  const panelBody = document.getElementById("allies-body");
  const coverage = document.getElementById("net-coverage");
  const maxYear = Number(slider.max);
  const todayIso = svg.dataset.today || new Date().toISOString().slice(0, 10);

  let positions = null; // id -> {x, y}
  let nodeEls = new Map();
  let data = null;
  let selected = svg.dataset.selected || "";
  const hidden = new Set();
  let requestSeq = 0;

  function el(name, attrs, text) {
    const e = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function html(name, text, cls) {
    const e = document.createElement(name);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function dateForYear(year) {
    return year >= maxYear ? todayIso : year + "-12-31";
  }

  // Deterministic pseudo-random numbers (mulberry32), so the layout is the same every time.
  function rng(seed) {
    return function () {
      seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function layout(nodes, treaties) {
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const n = nodes.length;
    const weight = new Map();
    for (const t of treaties) {
      const m = t.members_ever.filter((s) => index.has(s));
      if (m.length < 2) continue;
      const w = 1 / (m.length - 1);
      for (let i = 0; i < m.length; i++) {
        for (let j = i + 1; j < m.length; j++) {
          const a = index.get(m[i]), b = index.get(m[j]);
          const key = a < b ? a * n + b : b * n + a;
          weight.set(key, (weight.get(key) || 0) + w);
        }
      }
    }
    const springs = [];
    for (const [key, w] of weight) springs.push([Math.floor(key / n), key % n, Math.min(w * 3, 3)]);
    const rand = rng(1949);
    const x = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) { x[i] = (rand() - 0.5) * W; y[i] = (rand() - 0.5) * H; }
    const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.8;
    const cutoff = (3 * k) * (3 * k);
    const dx = new Float64Array(n), dy = new Float64Array(n);
    let temp = W / 8;
    const iterations = 350;
    for (let it = 0; it < iterations; it++) {
      dx.fill(0); dy.fill(0);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let ddx = x[i] - x[j], ddy = y[i] - y[j];
          let d2 = ddx * ddx + ddy * ddy;
          if (d2 > cutoff) continue; // far apart: no push (keeps components close)
          if (d2 < 0.01) { ddx = 0.1; ddy = 0.1; d2 = 0.02; }
          const f = (k * k) / d2;
          dx[i] += ddx * f; dy[i] += ddy * f; dx[j] -= ddx * f; dy[j] -= ddy * f;
        }
      }
      for (const [a, b, w] of springs) {
        const ddx = x[a] - x[b], ddy = y[a] - y[b];
        const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
        const f = (d / k) * w;
        dx[a] -= ddx * f; dy[a] -= ddy * f; dx[b] += ddx * f; dy[b] += ddy * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] -= x[i] * GRAVITY; dy[i] -= y[i] * GRAVITY; // gravity toward the centre
        const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        const step = Math.min(d, temp);
        x[i] += (dx[i] / d) * step; y[i] += (dy[i] / d) * step;
      }
      temp *= 0.985;
    }
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, x[i]); maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]); maxY = Math.max(maxY, y[i]);
    }
    const sx = (W - 2 * PAD) / Math.max(maxX - minX, 1), sy = (H - 2 * PAD) / Math.max(maxY - minY, 1);
    for (let i = 0; i < n; i++) { x[i] = PAD + (x[i] - minX) * sx; y[i] = PAD + (y[i] - minY) * sy; }
    // Push apart dots that ended up too close for their labels to be read.
    const R = 26;
    for (let pass = 0; pass < 80; pass++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const ddx = x[j] - x[i], ddy = (y[j] - y[i]) * 1.6; // labels are wider than tall
          const d = Math.sqrt(ddx * ddx + ddy * ddy);
          if (d >= R) continue;
          moved = true;
          const push = (R - d) / 2 / (d || 1);
          const px = (d ? ddx : 1) * push, py = (d ? ddy / 1.6 : 1) * push;
          x[i] -= px; y[i] -= py; x[j] += px; y[j] += py;
        }
      }
      for (let i = 0; i < n; i++) {
        x[i] = Math.min(W - PAD - 24, Math.max(PAD, x[i]));
        y[i] = Math.min(H - PAD, Math.max(PAD, y[i]));
      }
      if (!moved) break;
    }
    const out = new Map();
    nodes.forEach((node, i) => out.set(node.id, { x: x[i], y: y[i] }));
    return out;
  }

  function drawNodes(nodes) {
    nodesG.replaceChildren();
    nodeEls = new Map();
    for (const node of nodes) {
      const p = positions.get(node.id);
      const g = el("g", { class: "node", "data-state": node.id, tabindex: "0", role: "button",
                          "aria-label": node.name });
      g.appendChild(el("title", {}, node.name));
      g.appendChild(el("circle", { class: "hit", cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 11 }));
      g.appendChild(el("circle", { class: "dot", cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 5 }));
      g.appendChild(el("text", { x: (p.x + 7).toFixed(1), y: (p.y + 3).toFixed(1) }, node.id));
      g.addEventListener("click", () => choose(node.id));
      g.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); choose(node.id); }
      });
      nodesG.appendChild(g);
      nodeEls.set(node.id, g);
    }
  }

  function drawEdges() {
    edgesG.replaceChildren();
    const colors = new Map(data.treaties.map((t) => [t.id, t.color]));
    const dashes = new Map(data.treaties.map((t) => [t.id, t.dash || ""]));
    const coded = new Set(data.treaties.filter((t) => t.coded).map((t) => t.id));
    const counts = new Map();
    const frag = document.createDocumentFragment();
    for (const e of data.edges) {
      const a = positions.get(e.source), b = positions.get(e.target);
      if (!a || !b) continue;
      counts.set(e.treaty, (counts.get(e.treaty) || 0) + 1);
      const line = el("line", {
        x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
        stroke: colors.get(e.treaty) || "#888",
        class: "edge" + (e.frozen ? " frozen" : "") + (coded.has(e.treaty) ? " coded" : "") +
          (e.stale ? " stale" : ""),
        "data-treaty": e.treaty, "data-a": e.source, "data-b": e.target,
      });
      if (dashes.get(e.treaty)) line.setAttribute("stroke-dasharray", dashes.get(e.treaty));
      const hideKey = coded.has(e.treaty) ? CODED_KEY : e.treaty;
      if (hidden.has(hideKey)) line.setAttribute("visibility", "hidden");
      frag.appendChild(line);
    }
    edgesG.appendChild(frag);
    const active = new Set(data.nodes.filter((n) => n.active).map((n) => n.id));
    const existing = new Set(data.nodes.filter((n) => n.exists !== false).map((n) => n.id));
    for (const [id, g] of nodeEls) {
      g.classList.toggle("inactive", !active.has(id));
      // a state that did not exist on the day is not drawn at all
      g.classList.toggle("absent", !existing.has(id));
      if (existing.has(id)) g.removeAttribute("aria-hidden"); else g.setAttribute("aria-hidden", "true");
    }
    legend.replaceChildren();
    const codedShown = data.treaties.filter((t) => t.coded && counts.has(t.id));
    if (codedShown.length) legend.appendChild(codedItem(codedShown));
    for (const t of data.treaties) {
      if (!counts.has(t.id) || t.coded) continue;
      const li = html("li");
      const label = html("label");
      const box = html("input");
      box.type = "checkbox"; box.checked = !hidden.has(t.id); box.value = t.id;
      box.addEventListener("change", () => {
        if (box.checked) hidden.delete(t.id); else hidden.add(t.id);
        for (const line of edgesG.querySelectorAll('line[data-treaty="' + CSS.escape(t.id) + '"]')) {
          if (box.checked) line.removeAttribute("visibility"); else line.setAttribute("visibility", "hidden");
        }
      });
      const sw = swatch(t.color, t.dash);
      label.append(box, sw, document.createTextNode(t.short_name));
      li.appendChild(label);
      legend.appendChild(li);
    }
    if (!legend.children.length) {
      legend.appendChild(html("li", "No defense treaty in force on " + data.date + ".", "muted"));
    }
    stats.textContent = data.edges.length + " treaty links among " + active.size +
      " states on " + data.date + "." + coverageNote();
    highlight();
  }

  const CODED_KEY = "__coded__";

  // Why a day has few or no links: before the curated KB begins (and no coded layer), or
  // after the coded data end. The full story is in the note above the drawing.
  function coverageNote() {
    const cov = data.coverage || {};
    const before = cov.curated_from && data.date < cov.curated_from;
    const after = cov.coded_until && data.date > cov.coded_until;
    let note = "";
    if (before && !cov.coded_by) {
      note = " The built-in knowledge base begins on " + cov.curated_from +
        "; for earlier alliances import the ATOP layer (" + cov.import_hint + "; see the note above).";
    } else if (before) {
      note = " Before " + cov.curated_from + " every link is coded by " + cov.coded_by + ".";
    } else if (after && data.edges.some((e) => e.stale)) {
      note = " The " + cov.coded_by + " data end on " + cov.coded_until +
        ": coded links are faded (whether they still bind is not recorded).";
    }
    if (coverage) {
      const warn = Boolean(before && !cov.coded_by);
      coverage.classList.toggle("warn", warn);
      if (warn) coverage.open = true; // the reason this day has no links
    }
    return note;
  }

  function swatch(color, dash) {
    const svgSw = el("svg", { class: "swatch-line", width: 28, height: 10, "aria-hidden": "true" });
    const ln = el("line", { x1: 1, y1: 5, x2: 27, y2: 5, stroke: color, "stroke-width": 3 });
    if (dash) ln.setAttribute("stroke-dasharray", dash);
    svgSw.appendChild(ln);
    return svgSw;
  }

  function codedItem(shown) {
    // every alliance coded by the ATOP layer: one legend entry, grey dotted lines
    const li = html("li");
    const label = html("label");
    const box = html("input");
    box.type = "checkbox"; box.checked = !hidden.has(CODED_KEY); box.value = CODED_KEY;
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(CODED_KEY); else hidden.add(CODED_KEY);
      for (const line of edgesG.querySelectorAll("line.coded")) {
        if (box.checked) line.removeAttribute("visibility"); else line.setAttribute("visibility", "hidden");
      }
    });
    const by = shown[0].coded_by || "ATOP";
    const end = shown[0].coverage_end && data.date > shown[0].coverage_end
      ? "; data end " + shown[0].coverage_end : "";
    label.append(box, swatch(shown[0].color, shown[0].dash),
      document.createTextNode(shown.length + " alliances coded by " + by + " (not curated" + end + ")"));
    li.appendChild(label);
    return li;
  }

  function highlight() {
    svg.classList.toggle("has-selection", Boolean(selected));
    for (const [id, g] of nodeEls) g.classList.toggle("selected", id === selected);
    for (const line of edgesG.children) {
      const on = selected && (line.dataset.a === selected || line.dataset.b === selected);
      line.classList.toggle("on", Boolean(on));
    }
  }

  async function load(day) {
    const seq = ++requestSeq;
    let url = "/api/network?date=" + encodeURIComponent(day);
    let json = null;
    // the edges come a page at a time (one page on any day the KB knows); follow `next`
    for (let pages = 0; url && pages < 50; pages++) {
      const res = await fetch(url);
      if (!res.ok) { stats.textContent = "Could not load the network (" + res.status + ")."; return; }
      const part = await res.json();
      if (seq !== requestSeq) return; // a newer request won
      if (json) json.edges = json.edges.concat(part.edges); else json = part;
      url = part.next;
    }
    data = json;
    if (!positions) {
      positions = layout(json.nodes, json.treaties);
      drawNodes(json.nodes);
    }
    drawEdges();
    dateLabel.textContent = json.date;
    svg.dataset.date = json.date;
    updateUrl();
    if (selected) await showAllies(selected);
  }

  function updateUrl() {
    const params = new URLSearchParams();
    params.set("date", data ? data.date : dateForYear(Number(slider.value)));
    if (selected) params.set("state", selected);
    history.replaceState(null, "", "/network?" + params.toString());
  }

  function choose(id) {
    selected = id;
    if (select.value !== id) select.value = id;
    highlight();
    updateUrl();
    showAllies(id);
  }

  async function showAllies(id) {
    const day = data ? data.date : dateForYear(Number(slider.value));
    const res = await fetch("/api/allies/" + encodeURIComponent(id) + "?date=" + encodeURIComponent(day));
    if (!res.ok) {
      // e.g. 422: the state did not exist on that day; say so instead of a stale list
      const err = await res.json().catch(() => ({}));
      if (id !== selected) return;
      panelTitle.textContent = "Allies";
      panelHint.textContent = err.message || ("No answer for " + id + " on " + day + ".");
      panelBody.replaceChildren();
      return;
    }
    const json = await res.json();
    if (id !== selected) return;
    const node = data && data.nodes.find((n) => n.id === id);
    const name = node ? node.name : id;
    panelTitle.textContent = "Who owes " + name + " a defense obligation";
    panelHint.textContent = "On " + json.date + ".";
    panelBody.replaceChildren();
    if (!json.allies.length) {
      panelBody.appendChild(html("p", "No state owes " + name + " a defense obligation on this day."));
    }
    const byTreaty = new Map();
    for (const a of json.allies) {
      const key = a.treaty + " " + a.article;
      if (!byTreaty.has(key)) byTreaty.set(key, { treaty: a.treaty, article: a.article, strength: a.strength, states: [] });
      byTreaty.get(key).states.push(a.obligated + (a.frozen ? " (frozen)" : ""));
    }
    const names = new Map((data ? data.nodes : []).map((n) => [n.id, n.name]));
    const treatyNames = new Map((data ? data.treaties : []).map((t) => [t.id, t.short_name]));
    const codedBy = new Map((data ? data.treaties : []).filter((t) => t.coded).map((t) => [t.id, t.coded_by]));
    const list = html("ul", undefined, "allies-list");
    for (const g of byTreaty.values()) {
      const li = html("li");
      li.dataset.treaty = g.treaty;
      const link = html("a", (treatyNames.get(g.treaty) || g.treaty) + ", " + g.article);
      link.href = "/treaties/" + encodeURIComponent(g.treaty);
      const coded = codedBy.has(g.treaty)
        ? " · coded by " + codedBy.get(g.treaty) + " (not curated)" : "";
      if (coded) li.classList.add("coded");
      const meta = html("small", " — " + g.strength.replace(/_/g, " ") + " · " + g.states.length + " state(s)" + coded, "muted");
      const who = html("p", g.states.map((s) => {
        const code = s.split(" ")[0];
        return (names.get(code) || code) + s.slice(code.length);
      }).join(", "));
      li.append(link, meta, who);
      list.appendChild(li);
    }
    panelBody.appendChild(list);
    if (json.signed_not_in_force.length) {
      panelBody.appendChild(html("p", "Signed, not yet in force: " + json.signed_not_in_force.join(", "), "muted"));
    }
  }

  let timer = null;
  slider.addEventListener("input", () => {
    yearOut.textContent = slider.value;
    dateLabel.textContent = dateForYear(Number(slider.value));
    clearTimeout(timer);
    timer = setTimeout(() => load(dateForYear(Number(slider.value))), 120);
  });
  slider.addEventListener("change", () => {
    clearTimeout(timer);
    load(dateForYear(Number(slider.value)));
  });
  select.addEventListener("change", () => {
    if (select.value) choose(select.value);
    else { selected = ""; highlight(); updateUrl(); panelBody.replaceChildren(); }
  });

  load(svg.dataset.initialDate || dateForYear(Number(slider.value)));
})();
