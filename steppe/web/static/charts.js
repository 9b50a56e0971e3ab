// Dyad timeline and actor network, drawn as plain SVG.
"use strict";

function drawTimeline(svg, data, note) {
  svg.replaceChildren();
  const W = 640, H = 300, L = 44, R = 12, T = 12;
  const countsH = 150, gapY = 30, goldH = 80;
  const buckets = data ? data.buckets : [];
  note.textContent = data && data.undated ? `(${data.undated} event${data.undated === 1 ? "" : "s"} without a date for this interval not shown)` : "";
  if (!buckets.length) {
    svg.appendChild(svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" },
      data ? "no dated events for this dyad" : "no dyad selected"));
    return;
  }
  const n = buckets.length;
  const band = (W - L - R) / n;
  const maxCount = Math.max(...buckets.map((b) => b.events));
  const yCount = (v) => T + countsH - (v / maxCount) * countsH;
  const gTop = T + countsH + gapY;
  const yGold = (g) => gTop + goldH / 2 - (g / 10) * (goldH / 2);

  // axes
  svg.appendChild(svgEl("line", { x1: L, y1: T + countsH, x2: W - R, y2: T + countsH, class: "axis" }));
  svg.appendChild(svgEl("text", { x: L - 6, y: T + 8, "text-anchor": "end", class: "tick" }, String(maxCount)));
  svg.appendChild(svgEl("text", { x: L - 6, y: T + countsH, "text-anchor": "end", class: "tick" }, "0"));
  svg.appendChild(svgEl("text", { x: 4, y: T + countsH / 2, class: "axis-label" }, "events"));
  svg.appendChild(svgEl("line", { x1: L, y1: yGold(0), x2: W - R, y2: yGold(0), class: "axis" }));
  for (const g of [10, -10]) {
    svg.appendChild(svgEl("line", { x1: L, y1: yGold(g), x2: W - R, y2: yGold(g), class: "grid" }));
    svg.appendChild(svgEl("text", { x: L - 6, y: yGold(g) + 4, "text-anchor": "end", class: "tick" }, g > 0 ? "+10" : "−10"));
  }
  svg.appendChild(svgEl("text", { x: 4, y: gTop + goldH / 2 + 4, class: "axis-label" }, "Gold."));

  const bars = svgEl("g", { class: "bars" });
  const pts = [];
  buckets.forEach((b, i) => {
    const x = L + i * band + band * 0.1, w = Math.max(1, band * 0.8);
    let base = 0;
    for (const q of ["1", "2", "3", "4"]) {
      const v = b.quad_class[q] || 0;
      if (!v) continue;
      const y0 = yCount(base + v), y1 = yCount(base);
      const rect = svgEl("rect", { x: x.toFixed(2), y: y0.toFixed(2), width: w.toFixed(2), height: (y1 - y0).toFixed(2),
        fill: QUAD_COLORS[q], class: "bar" });
      svgTitle(rect, `${b.period}: ${v} event${v === 1 ? "" : "s"} in QuadClass ${q}`);
      bars.appendChild(rect);
      base += v;
    }
    if (b.goldstein_mean !== null) pts.push([L + i * band + band / 2, yGold(b.goldstein_mean), b]);
  });
  svg.appendChild(bars);
  if (pts.length > 1) {
    svg.appendChild(svgEl("polyline", { points: pts.map((p) => `${p[0].toFixed(2)},${p[1].toFixed(2)}`).join(" "), class: "gold-line" }));
  }
  for (const [x, y, b] of pts) {
    const c = svgEl("circle", { cx: x.toFixed(2), cy: y.toFixed(2), r: 3.5, fill: goldsteinColor(b.goldstein_mean), class: "gold-point" });
    svgTitle(c, `${b.period}: mean Goldstein ${b.goldstein_mean} over ${b.events} event${b.events === 1 ? "" : "s"}`);
    svg.appendChild(c);
  }
  // period labels: first, middle, last
  const idx = [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  for (const i of idx) {
    svg.appendChild(svgEl("text", { x: L + i * band + band / 2, y: H - 4, "text-anchor": "middle", class: "tick" }, buckets[i].period));
  }
}

function drawNetwork(svg, dyads, onActor) {
  svg.replaceChildren();
  const W = 640, H = 480, cx = W / 2, cy = H / 2;
  if (!dyads.length) {
    svg.appendChild(svgEl("text", { x: cx, y: cy, "text-anchor": "middle", class: "empty" }, "no dyads"));
    return;
  }
  const totals = new Map();
  for (const d of dyads) {
    totals.set(d.source, (totals.get(d.source) || 0) + d.events);
    totals.set(d.target, (totals.get(d.target) || 0) + d.events);
  }
  // order nodes by country prefix then code, so actors of one country sit together
  const nodes = [...totals.keys()].sort();
  // labels at least 11.5 screen pixels high however narrow the panel: the viewBox is scaled to
  // the panel's width, so a font size in viewBox units is multiplied by units per pixel
  const unitsPerPx = Math.max(1, W / (svg.clientWidth || svg.getBoundingClientRect().width || W));
  const fontSize = 11.5 * unitsPerPx;
  const longest = Math.max(...nodes.map((c) => c.length));
  // nodes on an ellipse that leaves room for the labels beside (left, right) and above/below it
  const rx = Math.max(60, W / 2 - (longest * 0.62 * fontSize + 15 + 10));
  const ry = Math.max(60, H / 2 - (fontSize + 15 + 10));
  const pos = new Map();
  nodes.forEach((code, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
    pos.set(code, [cx + rx * Math.cos(a), cy + ry * Math.sin(a), a]);
  });
  const defs = svgEl("defs");
  const marker = svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
  marker.appendChild(svgEl("path", { d: "M0 0L10 5L0 10Z", class: "arrow-head" }));
  defs.appendChild(marker);
  svg.appendChild(defs);
  const maxEv = Math.max(...dyads.map((d) => d.events));
  const nodeR = (code) => 5 + 10 * Math.sqrt(totals.get(code) / Math.max(...totals.values()));
  const edges = svgEl("g", { class: "edges" });
  for (const d of dyads) {
    const [x1, y1] = pos.get(d.source), [x2, y2] = pos.get(d.target);
    if (d.source === d.target) continue;
    const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1;
    const r2 = nodeR(d.target) + 2, r1 = nodeR(d.source);
    // bend each edge a little so a -> b and b -> a do not overlap
    const mx = (x1 + x2) / 2 - dy * 0.12, my = (y1 + y2) / 2 + dx * 0.12;
    const sx = x1 + (dx / len) * r1, sy = y1 + (dy / len) * r1;
    const ex = x2 - ((x2 - mx) / Math.hypot(x2 - mx, y2 - my)) * r2, ey = y2 - ((y2 - my) / Math.hypot(x2 - mx, y2 - my)) * r2;
    const path = svgEl("path", { d: `M${sx.toFixed(1)} ${sy.toFixed(1)}Q${mx.toFixed(1)} ${my.toFixed(1)} ${ex.toFixed(1)} ${ey.toFixed(1)}`,
      stroke: goldsteinColor(d.goldstein_mean), "stroke-width": (1 + 4 * d.events / maxEv).toFixed(2), class: "edge", "marker-end": "url(#arrow)" });
    svgTitle(path, `${d.source} → ${d.target}: ${d.events} event${d.events === 1 ? "" : "s"}, mean Goldstein ${d.goldstein_mean}`);
    edges.appendChild(path);
  }
  svg.appendChild(edges);
  const g = svgEl("g", { class: "nodes" });
  for (const code of nodes) {
    const [x, y, a] = pos.get(code);
    const node = svgEl("g", { class: "node", tabindex: 0, "data-code": code });
    const c = svgEl("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: nodeR(code).toFixed(1) });
    svgTitle(c, `${code}: ${totals.get(code)} event${totals.get(code) === 1 ? "" : "s"} (click to filter)`);
    node.appendChild(c);
    const right = Math.cos(a) >= 0;
    const gap = nodeR(code) + 4 * unitsPerPx;
    node.appendChild(svgEl("text", { x: (x + Math.cos(a) * gap).toFixed(1), y: (y + Math.sin(a) * gap + fontSize * 0.35).toFixed(1),
      "text-anchor": right ? "start" : "end", class: "node-label", "font-size": fontSize.toFixed(2) }, code));
    node.addEventListener("click", () => onActor(code));
    node.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onActor(code); });
    g.appendChild(node);
  }
  svg.appendChild(g);
}
