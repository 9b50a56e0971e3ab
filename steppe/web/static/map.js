// The event map: an equirectangular SVG of the world's countries (Natural Earth 1:110m as
// TopoJSON from the npm package world-atlas, copied to /static/vendor/ at setup) with the
// events drawn at their locations. No tile server, no library: TopoJSON is decoded here.
"use strict";

const MAP_W = 960, MAP_H = 480;

function project(lon, lat) {
  return [(lon + 180) * MAP_W / 360, (90 - lat) * MAP_H / 180];
}

// TopoJSON -> one list of rings (projected points) per geometry.
function decodeArcs(topo) {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map((p) => {
      if (t) { x += p[0]; y += p[1]; return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]]; }
      return [p[0], p[1]];
    });
  });
}

function ringPoints(arcs, ring) {
  const pts = [];
  ring.forEach((i, k) => {
    let a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    if (k > 0) a = a.slice(1); // the first point repeats the previous arc's last point
    for (const p of a) pts.push(p);
  });
  return pts;
}

function topoFeatures(topo, name) {
  const arcs = decodeArcs(topo);
  const obj = topo.objects[name];
  if (!obj) return [];
  return obj.geometries.map((g) => {
    let polys = [];
    if (g.type === "Polygon") polys = [g.arcs];
    else if (g.type === "MultiPolygon") polys = g.arcs;
    const rings = [];
    for (const poly of polys) for (const ring of poly) rings.push(ringPoints(arcs, ring));
    return { id: g.id === undefined ? null : String(g.id), name: (g.properties && g.properties.name) || "", rings };
  });
}

// A ring that crosses the antimeridian jumps from +180 to -180 longitude: drawn as it is, that
// edge runs across the whole map (the horizontal bands). Cut it there instead: each piece lies on
// one side and closes along the map's edge. A ring around a pole (Antarctica) crosses once: it
// is closed through the pole, along the map's bottom (or top) edge in steps of 90 degrees.
function ringPieces(ring) {
  const n = ring.length;
  const jumps = [];
  for (let i = 0; i < n; i++) {
    if (Math.abs(ring[(i + 1) % n][0] - ring[i][0]) > 180) jumps.push(i);
  }
  if (!jumps.length) return [ring];
  if (jumps.length % 2 === 1) {
    const j = jumps[0];
    const pts = ring.slice(j + 1).concat(ring.slice(0, j + 1));
    const pole = pts.reduce((s, p) => s + p[1], 0) / pts.length < 0 ? -90 : 90;
    const lon0 = pts[pts.length - 1][0], lon1 = pts[0][0];
    const step = lon1 > lon0 ? 90 : -90;
    pts.push([lon0, pole]);
    const first = step > 0 ? Math.floor(lon0 / 90) * 90 + 90 : Math.ceil(lon0 / 90) * 90 - 90;
    for (let lon = first; step > 0 ? lon < lon1 : lon > lon1; lon += step) pts.push([lon, pole]);
    pts.push([lon1, pole]);
    return [pts];
  }
  const pieces = [];
  for (let k = 0; k < jumps.length; k++) {
    const from = (jumps[k] + 1) % n, to = jumps[(k + 1) % jumps.length];
    const piece = [];
    for (let i = from; ; i = (i + 1) % n) { piece.push(ring[i]); if (i === to) break; }
    pieces.push(piece);
  }
  return pieces;
}

function ringsPath(rings) {
  const parts = [];
  for (const ring of rings) {
    if (!ring.length) continue;
    for (const piece of ringPieces(ring)) {
      parts.push(piece.map((p, i) => {
        const [x, y] = project(p[0], p[1]);
        return `${i ? "L" : "M"}${x.toFixed(2)} ${y.toFixed(2)}`;
      }).join("") + "Z");
    }
  }
  return parts.join("");
}

class EventMap {
  constructor(svg, note, tip) {
    this.svg = svg;
    this.note = note;
    this.tip = tip; // the hover box: a country's (or place's) name and its events
    this.countries = []; // { path, name, iso3 }
    this.perCountry = new Map(); // ISO3 -> events located there
    this.base = svgEl("g", { class: "base" });
    this.markers = svgEl("g", { class: "markers" });
    svg.appendChild(svgEl("rect", { x: -MAP_W, y: -MAP_H, width: 3 * MAP_W, height: 3 * MAP_H, class: "sea" }));
    svg.appendChild(this.base);
    svg.appendChild(this.markers);
    this.drawGraticule();
    this.points = [];
    this.viewW = MAP_W;
    this.onPlace = null;
    window.addEventListener("resize", () => this.draw());
  }

  drawGraticule() {
    const g = svgEl("g", { class: "graticule" });
    for (let lon = -180; lon <= 180; lon += 30) {
      const [x] = project(lon, 0);
      g.appendChild(svgEl("line", { x1: x, y1: 0, x2: x, y2: MAP_H }));
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      const [, y] = project(0, lat);
      g.appendChild(svgEl("line", { x1: 0, y1: y, x2: MAP_W, y2: y }));
    }
    this.base.appendChild(g);
  }

  // codes: { numeric: {"398": "KAZ", ...}, names: {"Kosovo": "XKX"} } (country-codes.json)
  async loadBoundaries(url, codesUrl) {
    try {
      const [resp, codesResp] = await Promise.all([fetch(url), fetch(codesUrl)]);
      if (!resp.ok) throw new Error(`HTTP ${resp.status}`);
      const topo = await resp.json();
      const codes = codesResp.ok ? await codesResp.json() : { numeric: {}, names: {} };
      const g = svgEl("g", { class: "countries" });
      for (const f of topoFeatures(topo, "countries")) {
        const iso3 = (f.id && codes.numeric[f.id]) || codes.names[f.name] || null;
        const path = svgEl("path", { d: ringsPath(f.rings), class: "country", "fill-rule": "evenodd",
          "data-name": f.name, "data-iso3": iso3 });
        const country = { path, name: f.name, iso3 };
        path.addEventListener("mouseenter", (ev) => this.showTip(ev, this.countryText(country)));
        path.addEventListener("mousemove", (ev) => this.moveTip(ev));
        path.addEventListener("mouseleave", () => this.hideTip());
        svgTitle(path, f.name);
        this.countries.push(country);
        g.appendChild(path);
      }
      this.base.appendChild(g);
      return true;
    } catch (e) {
      this.note.textContent = "World boundaries are not installed (run `make setup`): events are drawn on a bare grid.";
      return false;
    }
  }

  countryText(c) {
    const n = c.iso3 ? this.perCountry.get(c.iso3) || 0 : 0;
    return `${c.name}: ${this.partial && n ? "at least " : ""}${n} event${n === 1 ? "" : "s"} located here`;
  }

  showTip(ev, text) {
    if (!this.tip) return;
    this.tip.textContent = text;
    this.tip.hidden = false;
    this.moveTip(ev);
  }

  moveTip(ev) {
    if (!this.tip || this.tip.hidden) return;
    const box = this.tip.offsetParent ? this.tip.offsetParent.getBoundingClientRect() : { left: 0, top: 0 };
    this.tip.style.left = `${ev.clientX - box.left + 12}px`;
    this.tip.style.top = `${ev.clientY - box.top + 12}px`;
  }

  hideTip() { if (this.tip) this.tip.hidden = true; }

  // events: the map's page of events; partial: more match than were loaded
  setEvents(events, partial) {
    this.partial = !!partial;
    const byPlace = new Map();
    this.perCountry = new Map();
    for (const e of events) {
      const loc = e.location;
      if (loc && loc.country) this.perCountry.set(loc.country, (this.perCountry.get(loc.country) || 0) + 1);
      if (!loc || loc.lat === null || loc.lon === null || loc.lat === undefined) continue;
      const key = `${loc.lat.toFixed(3)},${loc.lon.toFixed(3)}`;
      let p = byPlace.get(key);
      if (!p) { p = { lat: loc.lat, lon: loc.lon, name: loc.name, country: loc.country, n: 0, quads: { 1: 0, 2: 0, 3: 0, 4: 0 } }; byPlace.set(key, p); }
      p.n += 1;
      p.quads[e.quad_class] = (p.quads[e.quad_class] || 0) + 1;
    }
    this.points = [...byPlace.values()].sort((a, b) => b.n - a.n);
    this.unlocated = events.length - this.points.reduce((s, p) => s + p.n, 0);
    for (const c of this.countries) {
      const title = c.path.querySelector("title");
      if (title) title.textContent = this.countryText(c);
    }
    this.fit();
  }

  // Screen pixels -> viewBox units at the current zoom.
  unitsPerPixel() {
    const w = this.svg.clientWidth || this.svg.getBoundingClientRect().width || MAP_W;
    return this.viewW / w;
  }

  draw() {
    this.markers.replaceChildren();
    const u = this.unitsPerPixel();
    const labels = svgEl("g", { class: "labels" });
    this.markers.appendChild(labels); // labels under the markers
    this.points.forEach((p, i) => {
      const [x, y] = project(p.lon, p.lat);
      const quad = Object.entries(p.quads).sort((a, b) => b[1] - a[1])[0][0];
      const r = (4 + 3 * Math.sqrt(p.n)) * u;
      const c = svgEl("circle", { cx: x.toFixed(3), cy: y.toFixed(3), r: r.toFixed(3), fill: QUAD_COLORS[quad],
        class: "event-marker", "data-place": p.name, tabindex: 0 });
      const label = `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.n} event${p.n === 1 ? "" : "s"}`;
      svgTitle(c, label);
      c.addEventListener("mouseenter", (ev) => this.showTip(ev, label));
      c.addEventListener("mousemove", (ev) => this.moveTip(ev));
      c.addEventListener("mouseleave", () => this.hideTip());
      c.addEventListener("click", () => { if (this.onPlace) this.onPlace(p.name); });
      c.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && this.onPlace) this.onPlace(p.name); });
      this.markers.appendChild(c);
      if (i < 12) {
        labels.appendChild(svgEl("text", { x: (x + r + 3 * u).toFixed(3), y: (y + 4 * u).toFixed(3),
          "font-size": (11 * u).toFixed(3), "stroke-width": (3 * u).toFixed(3), class: "place-label" }, p.name));
      }
    });
  }

  setView(x0, y0, w, h) {
    this.svg.setAttribute("viewBox", `${x0.toFixed(2)} ${y0.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)}`);
    this.viewW = w;
    this.draw();
  }

  world() { this.setView(0, 0, MAP_W, MAP_H); }

  fit() {
    if (!this.points.length) { this.world(); return; }
    const xs = [], ys = [];
    for (const p of this.points) { const [x, y] = project(p.lon, p.lat); xs.push(x); ys.push(y); }
    let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    let w = Math.max(x1 - x0, 40) * 1.5, h = Math.max(y1 - y0, 20) * 1.5;
    if (w / h > 2) h = w / 2; else w = h * 2;
    w = Math.min(w, MAP_W); h = Math.min(h, MAP_H);
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    this.setView(Math.max(0, Math.min(MAP_W - w, cx - w / 2)), Math.max(0, Math.min(MAP_H - h, cy - h / 2)), w, h);
  }
}
