// DOM and API helpers shared by the dashboard and the docs page.
// Data from the API is only ever put into the page as text (textContent, attribute values),
// never parsed as HTML.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svgTitle(node, text) {
  node.appendChild(svgEl("title", {}, text));
  return node;
}

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "" && v !== false) url.searchParams.set(k, String(v));
  }
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await resp.json(); } catch (e) { body = null; }
  if (!resp.ok) {
    let msg = body && body.detail !== undefined ? body.detail : resp.statusText;
    // validation problems: their messages name the parameter ("since must be a date as ...")
    if (Array.isArray(msg)) msg = msg.map((d) => d.msg).join("; ");
    const err = new Error(String(msg));
    err.status = resp.status;
    throw err;
  }
  return body;
}

// Quad class colours (shared by map, timeline and table).
const QUAD_COLORS = { 1: "#2b8cbe", 2: "#41ab5d", 3: "#fd8d3c", 4: "#d7301f" };

function goldsteinColor(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return "#888888";
  const t = Math.max(-1, Math.min(1, g / 10));
  // red (conflict) through grey to blue (cooperation)
  const mix = (a, b, f) => Math.round(a + (b - a) * f);
  if (t < 0) return `rgb(${mix(136, 215, -t)},${mix(136, 48, -t)},${mix(136, 31, -t)})`;
  return `rgb(${mix(136, 43, t)},${mix(136, 140, t)},${mix(136, 190, t)})`;
}
