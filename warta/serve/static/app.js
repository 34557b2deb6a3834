/* warta dashboard: plain JS, no build step. Talks to the API of the same server.
 *
 * Safety rule: every string that comes from the data (article text, names, places, evidence) goes into the
 * page through textContent or createTextNode, never innerHTML: articles come from the web and may hold
 * markup or scripts. The server's Content-Security-Policy forbids inline scripts as a second line. */
(function () {
  "use strict";

  const QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
  const QUAD_COLOR = {
    verbal_cooperation: "#74c476", material_cooperation: "#238b45",
    verbal_conflict: "#fd8d3c", material_conflict: "#d7301f",
  };
  const QUAD_LABEL = {
    verbal_cooperation: "verbal cooperation", material_cooperation: "material cooperation",
    verbal_conflict: "verbal conflict", material_conflict: "material conflict",
  };
  const SHORT_LABEL = {
    verbal_cooperation: "verbal coop.", material_cooperation: "material coop.",
    verbal_conflict: "verbal conflict", material_conflict: "material conflict",
  };
  const FILTERS = ["actor", "dyad", "type", "quad", "since", "until", "q", "include_all"];
  const SVGNS = "http://www.w3.org/2000/svg";
  const PAGE = 200;

  const state = {
    meta: null, filters: {}, next: null, events: new Map(), selectedId: null,
    map: null, countriesLayer: null, markers: null, numericToIso3: {}, docCache: new Map(),
  };

  // -- small helpers --------------------------------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = String(v);
      else if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function setStatus(msg, error) {
    const s = document.getElementById("status");
    s.textContent = msg;
    s.classList.toggle("error", !!error);
  }

  async function api(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v === null || v === undefined || v === "" || v === false) continue;
      url.searchParams.set(k, String(v));
    }
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (!res.ok) {
      let detail = res.status + " " + res.statusText;
      try {
        const body = await res.json();
        if (typeof body.detail === "string") detail = body.detail;
        else if (Array.isArray(body.detail) && body.detail.length) detail = body.detail[0].msg;
      } catch (_) { /* not JSON: keep the status line */ }
      throw new Error(detail);
    }
    return res.json();
  }

  function actorLabel(a) {
    if (!a) return "";
    return a.key || "";
  }

  // -- filters --------------------------------------------------------------------------------------------
  function readFiltersFromUrl() {
    const p = new URLSearchParams(window.location.search);
    const f = {};
    for (const k of FILTERS) if (p.get(k)) f[k] = p.get(k);
    return f;
  }

  function writeForm(f) {
    const form = document.getElementById("filters");
    for (const k of FILTERS) {
      const input = form.elements[k];
      if (!input) continue;
      if (input.type === "checkbox") input.checked = f[k] === "true";
      else input.value = f[k] || "";
    }
  }

  function readForm() {
    const form = document.getElementById("filters");
    const f = {};
    for (const k of FILTERS) {
      const input = form.elements[k];
      if (!input) continue;
      const v = input.type === "checkbox" ? (input.checked ? "true" : "") : input.value.trim();
      if (v) f[k] = v;
    }
    return f;
  }

  function applyFilters(f) {
    state.filters = f;
    writeForm(f);
    const p = new URLSearchParams(f);
    const qs = p.toString();
    // the address keeps the filters, so a view can be reloaded or shared
    window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
    return refresh();
  }

  function setFilter(k, v) {
    const f = Object.assign({}, readForm());
    if (v) f[k] = v; else delete f[k];
    return applyFilters(f);
  }

  // -- map ------------------------------------------------------------------------------------------------
  async function initMap() {
    const map = L.map("map", { minZoom: 1, maxZoom: 10, worldCopyJump: true, zoomSnap: 0.5 });
    map.attributionControl.setPrefix("Leaflet");
    map.setView([20, 15], 1.5);
    if (state.meta.tiles) {
      L.tileLayer(state.meta.tiles, { maxZoom: 10, attribution: "map tiles" }).addTo(map);
    }
    state.map = map;
    for (const [iso3, num] of Object.entries(state.meta.countries)) state.numericToIso3[num] = iso3;
    try {
      const res = await fetch("/static/vendor/world-atlas/countries-110m.json");
      const topo = await res.json();
      const geo = topojson.feature(topo, topo.objects.countries);
      state.countriesLayer = L.geoJSON(geo, {
        style: () => ({ color: "#9aa5b1", weight: 0.6, fillColor: "#f7f5ef", fillOpacity: 1 }),
        onEachFeature: (feature, layer) => {
          const tip = el("span", { text: feature.properties.name });
          layer.bindTooltip(tip, { sticky: true });
          layer.on("click", () => {
            const iso3 = state.numericToIso3[feature.id];
            if (iso3) setFilter("actor", iso3);
          });
        },
      }).addTo(map);
      map.attributionControl.addAttribution("outlines: Natural Earth");
    } catch (err) {
      setStatus("map outlines failed to load: " + err.message, true);
    }
    state.markers = L.layerGroup().addTo(map);
  }

  function shadeCountries(nodes) {
    if (!state.countriesLayer) return;
    const perCountry = {};
    for (const n of nodes) if (n.country) perCountry[n.country] = (perCountry[n.country] || 0) + n.events;
    const max = Math.max(1, ...Object.values(perCountry));
    state.countriesLayer.eachLayer((layer) => {
      const iso3 = state.numericToIso3[layer.feature.id];
      const n = perCountry[iso3] || 0;
      const t = n ? Math.log(1 + n) / Math.log(1 + max) : 0;
      layer.setStyle({ fillColor: n ? shade(t) : "#f7f5ef" });
      const tip = el("span", {}, el("b", { text: layer.feature.properties.name }),
        n ? ": " + n + " events of its actors" : "");
      layer.setTooltipContent(tip);
    });
  }

  function shade(t) {
    // from a pale to a deep slate blue
    const a = [222, 232, 245], b = [49, 90, 150];
    const c = a.map((x, i) => Math.round(x + (b[i] - x) * t));
    return "rgb(" + c.join(",") + ")";
  }

  function drawMarkers(items) {
    const group = state.markers;
    group.clearLayers();
    const places = new Map();
    for (const ev of items) {
      const p = ev.place;
      if (!p || typeof p.lat !== "number" || typeof p.lon !== "number") continue;
      const k = p.lat.toFixed(3) + "," + p.lon.toFixed(3);
      if (!places.has(k)) places.set(k, { place: p, events: [] });
      places.get(k).events.push(ev);
    }
    const bounds = [];
    for (const { place, events } of places.values()) {
      const counts = {};
      for (const e of events) counts[e.quad] = (counts[e.quad] || 0) + 1;
      const top = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
      const marker = L.circleMarker([place.lat, place.lon], {
        radius: 5 + Math.min(12, Math.sqrt(events.length) * 2.5), color: "#fff", weight: 1,
        fillColor: QUAD_COLOR[top] || "#555", fillOpacity: 0.85, className: "event-marker",
      });
      marker.bindTooltip(el("span", { text: place.name + ": " + events.length + " event" + (events.length > 1 ? "s" : "") }));
      const list = el("ul", { class: "popup-list" });
      for (const e of events.slice(0, 30)) {
        list.appendChild(el("li", {}, el("button", {
          type: "button", text: (e.date || "undated") + " " + actorLabel(e.source) + " " + e.type + " " + actorLabel(e.target),
          onclick: () => showEvidence(e),
        })));
      }
      marker.bindPopup(el("div", {}, el("b", { text: place.name }), list));
      marker.on("click", () => showEvidence(events[0]));
      marker.addTo(group);
      bounds.push([place.lat, place.lon]);
    }
    const note = document.getElementById("map-note");
    note.textContent = places.size ? places.size + " places" : "no events with a place";
    if (bounds.length) state.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 5 });
    document.getElementById("map").dataset.drawn = "1";
  }

  async function loadMap(p) {
    // only events with a place: a bbox over the whole world leaves the others out
    const data = await api("/events", Object.assign({}, p, { bbox: "-180,-90,180,90", limit: 1000 }));
    drawMarkers(data.items);
  }

  // -- timeline -------------------------------------------------------------------------------------------
  function weekStart(d) {
    const day = (d.getUTCDay() + 6) % 7; // Monday 0
    return new Date(d.getTime() - day * 86400000);
  }

  function bucketKey(iso, interval) {
    if (interval === "day") return iso;
    if (interval === "month") return iso.slice(0, 7) + "-01";
    return weekStart(new Date(iso + "T00:00:00Z")).toISOString().slice(0, 10);
  }

  function nextBucket(iso, interval) {
    const d = new Date(iso + "T00:00:00Z");
    if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
    return d;
  }

  async function loadTimeline(p) {
    // counts per day from the server; grouped here into weeks or months when the span is long
    const data = await api("/timeline", Object.assign({}, p, { interval: "day", by: "quad" }));
    drawTimeline(data);
  }

  function drawTimeline(data) {
    const box = document.getElementById("timeline");
    clear(box);
    const note = document.getElementById("timeline-note");
    if (!data.buckets.length) {
      box.appendChild(el("p", { class: "empty", text: "no dated events for these filters" }));
      note.textContent = data.undated ? data.undated + " undated" : "";
      box.dataset.drawn = "1";
      return;
    }
    const first = new Date(data.buckets[0].period + "T00:00:00Z");
    const last = new Date(data.buckets[data.buckets.length - 1].period + "T00:00:00Z");
    const spanDays = (last - first) / 86400000;
    const interval = spanDays <= 120 ? "day" : spanDays <= 3 * 365 ? "week" : "month";
    const grouped = new Map();
    for (const b of data.buckets) {
      const k = bucketKey(b.period, interval);
      const g = grouped.get(k) || {};
      for (const [q, n] of Object.entries(b.counts)) g[q] = (g[q] || 0) + n;
      grouped.set(k, g);
    }
    const keys = Array.from(grouped.keys()).sort();
    note.textContent = "per " + interval + (data.undated ? "; " + data.undated + " undated not shown" : "");

    const W = Math.max(300, box.clientWidth), H = Math.max(200, box.clientHeight);
    const m = { l: 34, r: 8, t: 22, b: 22 };
    const x0 = new Date(keys[0] + "T00:00:00Z").getTime();
    const x1 = nextBucket(keys[keys.length - 1], interval).getTime();
    const xs = (t) => m.l + ((t - x0) / Math.max(1, x1 - x0)) * (W - m.l - m.r);
    let maxUp = 1, maxDown = 1;
    for (const g of grouped.values()) {
      maxUp = Math.max(maxUp, (g.verbal_cooperation || 0) + (g.material_cooperation || 0));
      maxDown = Math.max(maxDown, (g.verbal_conflict || 0) + (g.material_conflict || 0));
    }
    const inner = H - m.t - m.b;
    const zero = m.t + inner * (maxUp / (maxUp + maxDown));
    const unit = inner / (maxUp + maxDown);
    const root = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "timeline" });

    // legend, one quarter of the width each
    QUADS.forEach((q, i) => {
      const lx = m.l + (i * (W - m.l - m.r)) / 4;
      root.appendChild(svg("rect", { x: lx, y: 4, width: 10, height: 10, fill: QUAD_COLOR[q] }));
      root.appendChild(svg("text", { x: lx + 13, y: 13, class: "legend" }, SHORT_LABEL[q]));
    });
    // bars: cooperation stacked up from the zero line, conflict stacked down
    for (const k of keys) {
      const g = grouped.get(k);
      const xa = xs(new Date(k + "T00:00:00Z").getTime());
      const xb = xs(nextBucket(k, interval).getTime());
      const w = Math.max(1.5, xb - xa - 1);
      let up = zero, down = zero;
      for (const q of QUADS) {
        const n = g[q] || 0;
        if (!n) continue;
        const h = n * unit;
        const coop = q.endsWith("cooperation");
        const y = coop ? up - h : down;
        if (coop) up -= h; else down += h;
        const r = svg("rect", { x: xa, y: y, width: w, height: Math.max(0.5, h), fill: QUAD_COLOR[q], class: "bar" });
        r.appendChild(svg("title", {}, k + " (" + interval + "): " + n + " " + QUAD_LABEL[q]));
        r.addEventListener("click", () => {
          const end = new Date(nextBucket(k, interval).getTime() - 86400000).toISOString().slice(0, 10);
          const f = Object.assign({}, readForm(), { since: k, until: end });
          applyFilters(f);
        });
        root.appendChild(r);
      }
    }
    // axes and labels
    root.appendChild(svg("line", { x1: m.l, x2: W - m.r, y1: zero, y2: zero, class: "axis" }));
    root.appendChild(svg("text", { x: 2, y: m.t + 10, class: "tick" }, "+" + maxUp));
    root.appendChild(svg("text", { x: 2, y: H - m.b, class: "tick" }, "-" + maxDown));
    root.appendChild(svg("text", { x: 2, y: zero - 3, class: "tick" }, "coop"));
    root.appendChild(svg("text", { x: 2, y: zero + 11, class: "tick" }, "confl"));
    // date ticks, as many as fit without overlapping (about 70 px a label)
    const ticks = Math.max(2, Math.min(8, Math.floor((W - m.l - m.r) / 75)));
    let lastEnd = -Infinity;
    for (let i = 0; i < ticks; i++) {
      const t = x0 + ((x1 - x0) * i) / (ticks - 1);
      const label = new Date(t).toISOString().slice(0, interval === "month" ? 7 : 10);
      const tx = Math.min(W - m.r - 62, xs(t));
      if (tx < lastEnd + 8) continue;
      lastEnd = tx + 62;
      root.appendChild(svg("line", { x1: xs(t), x2: xs(t), y1: H - m.b, y2: H - m.b + 3, class: "axis" }));
      root.appendChild(svg("text", { x: tx, y: H - 6, class: "tick" }, label));
    }
    box.appendChild(root);
    box.dataset.drawn = "1";
  }

  // -- network --------------------------------------------------------------------------------------------
  function layout(nodes, edges, W, H) {
    // a plain force layout: pairwise repulsion, springs on edges, a pull to the centre, cooling steps
    const n = nodes.length;
    const idx = new Map(nodes.map((d, i) => [d.key, i]));
    const pos = nodes.map((_, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, n);
      return { x: W / 2 + Math.cos(a) * W / 3, y: H / 2 + Math.sin(a) * H / 3, vx: 0, vy: 0 };
    });
    const links = edges.filter((e) => idx.has(e.source) && idx.has(e.target) && e.source !== e.target)
      .map((e) => [idx.get(e.source), idx.get(e.target)]);
    const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6;
    // a fixed pseudo-random sequence: the same data gives the same picture on every load
    let seed = 42;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    let temp = W / 8;
    for (let it = 0; it < 250; it++) {
      for (const p of pos) { p.vx = 0; p.vy = 0; }
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          let d2 = dx * dx + dy * dy;
          if (d2 < 0.01) { dx = rand() - 0.5; dy = rand() - 0.5; d2 = 0.25; }
          const f = (k * k) / d2;
          pos[i].vx += dx * f; pos[i].vy += dy * f; pos[j].vx -= dx * f; pos[j].vy -= dy * f;
        }
      }
      for (const [a, b] of links) {
        const dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
        const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        const f = d / k;
        pos[a].vx -= dx * f; pos[a].vy -= dy * f; pos[b].vx += dx * f; pos[b].vy += dy * f;
      }
      for (const p of pos) {
        // the pull to the centre keeps small disconnected groups from drifting to the border
        p.vx += (W / 2 - p.x) * 0.12; p.vy += (H / 2 - p.y) * 0.12;
        const v = Math.sqrt(p.vx * p.vx + p.vy * p.vy) || 1;
        p.x += (p.vx / v) * Math.min(v, temp); p.y += (p.vy / v) * Math.min(v, temp);
        p.x = Math.min(W - 30, Math.max(30, p.x)); p.y = Math.min(H - 16, Math.max(16, p.y));
      }
      temp = Math.max(0.5, temp * 0.97);
    }
    // fit the drawing to the box, with room for the labels on the right
    const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const ml = 16, mr = 70, mt = 14, mb = 14;
    for (const p of pos) {
      p.x = x1 > x0 ? ml + ((p.x - x0) / (x1 - x0)) * (W - ml - mr) : W / 2;
      p.y = y1 > y0 ? mt + ((p.y - y0) / (y1 - y0)) * (H - mt - mb) : H / 2;
    }
    return pos;
  }

  function intensityColor(v) {
    // -10 .. +10 to red .. grey .. green
    const t = Math.max(-1, Math.min(1, v / 7));
    const grey = [150, 150, 150], red = [200, 40, 30], green = [35, 139, 69];
    const to = t < 0 ? red : green;
    const c = grey.map((g, i) => Math.round(g + (to[i] - g) * Math.abs(t)));
    return "rgb(" + c.join(",") + ")";
  }

  async function loadNetwork(p) {
    const data = await api("/network", Object.assign({}, p, { limit: 300 }));
    drawNetwork(data);
    shadeCountries(data.nodes);
  }

  function drawNetwork(data) {
    const box = document.getElementById("network");
    clear(box);
    const note = document.getElementById("network-note");
    const MAXN = 40;
    const nodes = data.nodes.slice(0, MAXN);
    const keep = new Set(nodes.map((d) => d.key));
    const edges = data.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
    note.textContent = nodes.length + " actors, " + edges.length + " dyads" +
      (data.nodes.length > MAXN ? " (the " + MAXN + " most active)" : "");
    if (!nodes.length) {
      box.appendChild(el("p", { class: "empty", text: "no events with a source and a target for these filters" }));
      box.dataset.drawn = "1";
      return;
    }
    const W = Math.max(300, box.clientWidth), H = Math.max(200, box.clientHeight);
    const pos = layout(nodes, edges, W, H);
    const at = new Map(nodes.map((d, i) => [d.key, pos[i]]));
    const maxEv = Math.max(1, ...nodes.map((d) => d.events));
    const radius = (d) => 4 + 10 * Math.sqrt(d.events / maxEv);
    const root = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "actor network" });
    const defs = svg("defs");
    for (const [name, color] of [["neg", intensityColor(-7)], ["pos", intensityColor(7)], ["mid", intensityColor(0)]]) {
      // userSpaceOnUse: arrowheads keep one size whatever the edge's width
      const mk = svg("marker", { id: "arrow-" + name, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9,
        markerUnits: "userSpaceOnUse", orient: "auto" });
      mk.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: color }));
      defs.appendChild(mk);
    }
    root.appendChild(defs);
    const rOf = new Map(nodes.map((d) => [d.key, radius(d)]));
    const pairs = new Set(edges.map((e) => e.source + "\u0000" + e.target));
    const maxC = Math.max(1, ...edges.map((e) => e.count));
    for (const e of edges) {
      const a = at.get(e.source), b = at.get(e.target);
      if (!a || !b || e.source === e.target) continue;
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const ux = dx / d, uy = dy / d;
      // both directions present: bend each edge to its own side so they do not overlap
      const bend = pairs.has(e.target + "\u0000" + e.source) ? 0.18 * d : 0;
      const sx = a.x + ux * rOf.get(e.source), sy = a.y + uy * rOf.get(e.source);
      const tx = b.x - ux * (rOf.get(e.target) + 2), ty = b.y - uy * (rOf.get(e.target) + 2);
      const cx = (sx + tx) / 2 - uy * bend, cy = (sy + ty) / 2 + ux * bend;
      const color = intensityColor(e.mean_intensity);
      const kind = e.mean_intensity < -1 ? "neg" : e.mean_intensity > 1 ? "pos" : "mid";
      const path = svg("path", {
        d: "M" + sx + "," + sy + " Q" + cx + "," + cy + " " + tx + "," + ty, class: "edge",
        stroke: color, "stroke-opacity": 0.7, "stroke-width": 1 + 4 * Math.sqrt(e.count / maxC),
        "marker-end": "url(#arrow-" + kind + ")",
      });
      const types = Object.entries(e.types).sort((x, y) => y[1] - x[1]).map(([t, n]) => t + " " + n).join(", ");
      path.appendChild(svg("title", {}, e.source + " \u2192 " + e.target + ": " + e.count + " events (" + types +
        "); mean intensity " + e.mean_intensity));
      path.addEventListener("click", () => setFilter("dyad", e.source + "," + e.target));
      root.appendChild(path);
    }
    for (const d of nodes) {
      const p = at.get(d.key);
      const g = svg("g", { class: "node", transform: "translate(" + p.x + "," + p.y + ")" });
      g.appendChild(svg("circle", { r: radius(d), fill: d.key === state.filters.actor ? "#1f2d3d" : "#4f7cac" }));
      g.appendChild(svg("text", { x: radius(d) + 2, y: 3 }, d.key));
      g.appendChild(svg("title", {}, (d.name || d.key) + (d.country ? " (" + d.country + ")" : "") + ": " + d.events + " events"));
      g.addEventListener("click", () => setFilter("actor", d.key));
      root.appendChild(g);
    }
    box.appendChild(root);
    box.dataset.drawn = "1";
  }

  // -- events table ---------------------------------------------------------------------------------------
  async function loadEvents(p, more) {
    const params = Object.assign({}, p, { limit: PAGE });
    if (more && state.next) params.cursor = state.next;
    const data = await api("/events", params);
    const body = document.querySelector("#events tbody");
    if (!more) { clear(body); state.events.clear(); }
    for (const ev of data.items) {
      state.events.set(ev.id, ev);
      body.appendChild(eventRow(ev));
    }
    state.next = data.next;
    document.getElementById("more").hidden = !data.next;
    document.getElementById("events-total").textContent = data.total + " matching, " + state.events.size + " shown";
    if (!more && !data.items.length) {
      body.appendChild(el("tr", {}, el("td", { colspan: 6, class: "empty", text: "no events for these filters" })));
    }
  }

  function eventRow(ev) {
    const place = ev.place ? ev.place.name + (ev.place.country ? ", " + ev.place.country : "") : "";
    const typeCell = el("td", { class: "type quad-" + ev.quad, text: ev.type + (ev.mode ? "/" + ev.mode : "") });
    if (ev.negated) typeCell.appendChild(el("span", { class: "flag", text: "negated" }));
    if (ev.hypothetical) typeCell.appendChild(el("span", { class: "flag", text: "hypothetical" }));
    const tr = el("tr", { tabindex: 0, "data-id": ev.id },
      el("td", { class: "date", text: ev.date || "" }),
      el("td", { text: actorLabel(ev.source), title: ev.source ? ev.source.name || "" : "" }),
      typeCell,
      el("td", { text: actorLabel(ev.target), title: ev.target ? ev.target.name || "" : "" }),
      el("td", { text: place }),
      el("td", { class: "evidence", text: ev.evidence ? ev.evidence.text : "" }));
    tr.addEventListener("click", () => showEvidence(ev));
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter") showEvidence(ev); });
    return tr;
  }

  // -- evidence -------------------------------------------------------------------------------------------
  async function showEvidence(ev) {
    state.selectedId = ev.id;
    for (const tr of document.querySelectorAll("#events tbody tr.selected")) tr.classList.remove("selected");
    const row = document.querySelector('#events tbody tr[data-id="' + Number(ev.id) + '"]');
    if (row) row.classList.add("selected");
    const box = document.getElementById("evidence");
    let doc = state.docCache.get(ev.doc_hash);
    if (!doc) {
      try {
        doc = await api("/documents/" + encodeURIComponent(ev.doc_hash));
      } catch (err) {
        clear(box);
        box.appendChild(el("p", { class: "empty", text: "could not load the article: " + err.message }));
        return;
      }
      state.docCache.set(ev.doc_hash, doc);
    }
    if (state.selectedId !== ev.id) return; // another click came first
    renderDocument(doc, ev.id);
  }

  function renderDocument(doc, eventId) {
    const box = document.getElementById("evidence");
    clear(box);
    const item = doc.events.find((x) => x.event.id === eventId) || doc.events[0];
    const head = el("div", { class: "doc-head" });
    head.appendChild(el("span", { class: "title", text: doc.title || doc.doc_id }));
    const meta = [doc.doc_id, doc.published ? "published " + doc.published : null, doc.lang, "v" + doc.version]
      .filter(Boolean).join(" \u00b7 ");
    const metaLine = el("span", { class: "meta", text: meta });
    // only web links: a javascript: or data: URL from an article must never become clickable
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      metaLine.appendChild(document.createTextNode(" \u00b7 "));
      metaLine.appendChild(el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer", text: "source" }));
    }
    head.appendChild(metaLine);
    box.appendChild(head);
    if (!item) {
      box.appendChild(el("p", { class: "empty", text: "no events in this document" }));
      box.appendChild(articleNode(doc.text, []));
      return;
    }
    const ev = item.event;
    const summary = el("div", { class: "ev-summary", id: "ev-summary" },
      el("span", { class: "src", text: ev.source ? (ev.source.name || ev.source.key) + " (" + ev.source.key + ")" : "(no source)" }),
      " \u2192 ",
      el("span", { class: "type quad-" + ev.quad, text: ev.type + (ev.mode ? "/" + ev.mode : "") }),
      " \u2192 ",
      el("span", { class: "tgt", text: ev.target ? (ev.target.name || ev.target.key) + " (" + ev.target.key + ")" : "(no target)" }),
      el("br"),
      el("span", { class: "meta", text: [ev.date ? ev.date + (ev.date_precision ? " (" + ev.date_precision + ")" : "") : "undated",
        ev.place ? ev.place.name : null, "intensity " + ev.intensity, "confidence " + ev.confidence]
        .filter(Boolean).join(" \u00b7 ") }));
    if (ev.negated) summary.appendChild(el("span", { class: "flag", text: "negated" }));
    if (ev.hypothetical) summary.appendChild(el("span", { class: "flag", text: "hypothetical" }));
    box.appendChild(summary);
    box.appendChild(el("div", { class: "hl-legend" },
      el("span", { class: "hl-source", text: "source" }), el("span", { class: "hl-evidence", text: "evidence: source to target" }), el("span", { class: "hl-evidence hl-trigger", text: "event words" }),
      el("span", { class: "hl-target", text: "target" })));
    const article = articleNode(doc.text, item.highlights);
    box.appendChild(article);
    if (doc.events.length > 1) {
      const chips = el("div", { class: "doc-events" });
      for (const other of doc.events) {
        const o = other.event;
        chips.appendChild(el("button", {
          type: "button", class: o.id === ev.id ? "on" : "",
          text: "#" + o.sentence + " " + actorLabel(o.source) + " " + o.type + " " + actorLabel(o.target),
          onclick: () => { state.selectedId = o.id; renderDocument(doc, o.id); },
        }));
      }
      box.appendChild(chips);
    }
    const mark = article.querySelector(".hl-evidence") || article.querySelector(".hl-sentence");
    if (mark) article.scrollTop = Math.max(0, mark.offsetTop - article.offsetTop - article.clientHeight / 3);
  }

  function articleNode(text, highlights) {
    // cut the text at every highlight boundary; each piece gets the classes of the spans that cover it
    const div = el("div", { class: "article", id: "article" });
    const cuts = new Set([0, text.length]);
    for (const h of highlights) { cuts.add(h.start); cuts.add(h.end); }
    const points = Array.from(cuts).filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const kinds = highlights.filter((h) => h.start <= a && b <= h.end).map((h) => "hl-" + h.kind);
      if (kinds.length) div.appendChild(el("span", { class: kinds.join(" "), text: piece }));
      else div.appendChild(document.createTextNode(piece));
    }
    return div;
  }

  // -- wiring ---------------------------------------------------------------------------------------------
  async function refresh() {
    const p = Object.assign({}, state.filters);
    setStatus("loading\u2026");
    const t0 = performance.now();
    const results = await Promise.allSettled([loadEvents(p, false), loadTimeline(p), loadNetwork(p), loadMap(p)]);
    // counts finished refreshes: the end-to-end tests wait on it after changing a filter
    document.documentElement.dataset.refreshes = String(Number(document.documentElement.dataset.refreshes || 0) + 1);
    const failed = results.filter((r) => r.status === "rejected");
    if (failed.length) setStatus(failed[0].reason.message, true);
    else {
      setStatus(state.health ? state.health.documents + " documents, " + state.health.events + " events stored" : "");
      document.getElementById("status").title = "drawn in " + Math.round(performance.now() - t0) + " ms";
    }
  }

  async function init() {
    try {
      const [meta, health] = await Promise.all([api("/meta"), api("/health")]);
      state.meta = meta;
      state.health = health;
    } catch (err) {
      setStatus("cannot reach the API: " + err.message, true);
      return;
    }
    const typeSel = document.querySelector('#filters select[name="type"]');
    for (const t of Object.keys(state.meta.types)) typeSel.appendChild(el("option", { value: t, text: t }));
    const quadSel = document.querySelector('#filters select[name="quad"]');
    for (const q of state.meta.quads) quadSel.appendChild(el("option", { value: q, text: SHORT_LABEL[q] || q }));
    const form = document.getElementById("filters");
    form.addEventListener("submit", (e) => { e.preventDefault(); applyFilters(readForm()); });
    document.getElementById("reset").addEventListener("click", () => applyFilters({}));
    document.getElementById("more").addEventListener("click", () => loadEvents(state.filters, true)
      .catch((err) => setStatus(err.message, true)));
    api("/actors", { limit: 1000 }).then((data) => {
      const list = document.getElementById("actor-list");
      for (const a of data.items) list.appendChild(el("option", { value: a.key, label: (a.name || a.key) + " (" + a.events + ")" }));
    }).catch(() => { /* suggestions only */ });
    await initMap();
    state.filters = readFiltersFromUrl();
    writeForm(state.filters);
    await refresh();
    // the end-to-end tests and the benchmark wait for this: every view drawn once
    window.wartaReadyAt = performance.now();
    document.documentElement.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", init);
})();
