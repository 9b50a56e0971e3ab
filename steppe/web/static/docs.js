// API docs rendered from /openapi.json (served locally; no CDN).
"use strict";

function schemaText(s) {
  if (!s) return "";
  if (s.anyOf) return s.anyOf.map(schemaText).filter((t) => t !== "null").join(" | ");
  const bits = [s.type || (s.enum ? "enum" : s.$ref ? s.$ref.split("/").pop() : "")];
  if (s.enum) bits.push(`one of ${s.enum.join(", ")}`);
  if (s.pattern) bits.push(`pattern ${s.pattern}`);
  if (s.maxLength !== undefined) bits.push(`≤ ${s.maxLength} chars`);
  if (s.minimum !== undefined) bits.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) bits.push(`≤ ${s.maximum}`);
  if (s.default !== undefined && s.default !== null) bits.push(`default ${JSON.stringify(s.default)}`);
  return bits.filter(Boolean).join(", ");
}

function curlFor(method, path, params, hasBody) {
  const origin = window.location.origin;
  const example = { a: "KAZGOV", b: "TJK", article_id: "airbase-talks" };
  const p = path.replace(/\{(\w+)\}/g, (_, k) => example[k] || k);
  if (method === "post") {
    return `curl -s -X POST ${origin}${p} \\\n  -H "Authorization: Bearer $STEPPE_TOKEN" -H "Content-Type: application/json" \\\n  -d '{"id": "a1", "date": "2003-03-10", "text": "Kazakh police detained 40 Uzbek citizens on March 3."}'`;
  }
  const q = params.some((x) => x.name === "limit") ? "?limit=10" : "";
  return `curl -s '${origin}${p}${q}'`;
}

async function main() {
  const spec = await api("/openapi.json");
  document.getElementById("api-version").textContent = `version ${spec.info.version}`;
  document.getElementById("api-description").textContent = spec.info.description || "";
  const box = document.getElementById("routes");
  const schemas = (spec.components && spec.components.schemas) || {};
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = el("section", { class: "doc-route", id: `${method}-${path}` });
      const h = el("h2");
      h.appendChild(el("span", { class: `method ${method}` }, method.toUpperCase()));
      h.appendChild(document.createTextNode(path));
      sec.appendChild(h);
      sec.appendChild(el("p", {}, op.summary || ""));
      if (op.description) sec.appendChild(el("p", { class: "muted" }, op.description));
      const params = op.parameters || [];
      if (params.length) {
        const t = el("table");
        const head = el("tr");
        for (const c of ["parameter", "in", "type", "meaning"]) head.appendChild(el("th", {}, c));
        t.appendChild(head);
        for (const p of params) {
          const tr = el("tr");
          tr.appendChild(el("td", {}, p.name + (p.required ? " *" : "")));
          tr.appendChild(el("td", {}, p.in));
          tr.appendChild(el("td", {}, schemaText(p.schema)));
          tr.appendChild(el("td", {}, p.description || (p.schema && p.schema.description) || ""));
          t.appendChild(tr);
        }
        sec.appendChild(t);
      }
      const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
      if (body) {
        const ref = body.schema.$ref ? schemas[body.schema.$ref.split("/").pop()] : body.schema;
        const t = el("table");
        const head = el("tr");
        for (const c of ["body field", "type", "meaning"]) head.appendChild(el("th", {}, c));
        t.appendChild(head);
        for (const [name, s] of Object.entries((ref && ref.properties) || {})) {
          const tr = el("tr");
          tr.appendChild(el("td", {}, name + ((ref.required || []).includes(name) ? " *" : "")));
          tr.appendChild(el("td", {}, schemaText(s)));
          tr.appendChild(el("td", {}, s.description || ""));
          t.appendChild(tr);
        }
        sec.appendChild(t);
      }
      sec.appendChild(el("pre", { class: "curl" }, curlFor(method, path, params, !!body)));
      box.appendChild(sec);
    }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  main().catch((err) => { document.getElementById("routes").textContent = `cannot load /openapi.json: ${err.message}`; });
});
