// Parses Mermaid text with the real mermaid@11 parser inside a JSDOM window.
//   node check-mermaid.mjs [--json] [FILE...]     (no FILE: read stdin)
// Exit 0 when every input parses, 1 on a parse error (message on stderr).
// --json prints, per input, what the parser understood (nodes, edges,
// subgraphs with their decoded labels), so tests can compare it with the design.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true });
// mermaid and DOMPurify look for a browser window when they load.
globalThis.window = dom.window;
globalThis.document = dom.window.document;

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

// Text as a reader sees it: mermaid's entity placeholders and <br> decoded.
function decode(text) {
  if (text === undefined || text === null) return null;
  const html = String(text)
    .replace(/ﬂ°°(\d+)¶ß/g, "&#$1;")
    .replace(/ﬂ°(\w+)¶ß/g, "&$1;")
    .replace(/<br\s*\/?>/gi, "\n");
  const area = document.createElement("textarea");
  area.innerHTML = html;
  return area.value;
}

function describe(diagram) {
  const db = diagram.db;
  if (typeof db.getVertices === "function") {
    return {
      type: diagram.type,
      nodes: [...db.getVertices().values()].map((v) => ({
        id: v.id, label: decode(v.text), shape: v.type ?? null, classes: v.classes ?? [],
      })),
      edges: db.getEdges().map((e) => ({
        from: e.start, to: e.end, label: decode(e.text), stroke: e.stroke, arrow: e.type,
      })),
      subgraphs: db.getSubGraphs().map((s) => ({
        id: s.id, label: decode(s.title), members: s.nodes, classes: s.classes ?? [],
      })),
    };
  }
  if (typeof db.getServices === "function") {
    return {
      type: diagram.type,
      nodes: db.getServices().map((s) => ({ id: s.id, label: s.title ?? null, parent: s.in ?? null })),
      groups: db.getGroups().map((g) => ({ id: g.id, label: g.title ?? null, parent: g.in ?? null })),
      edges: db.getEdges().map((e) => ({ from: e.lhsId, to: e.rhsId, label: e.title ?? null })),
    };
  }
  return { type: diagram.type };
}

const args = process.argv.slice(2);
const json = args[0] === "--json";
const files = json ? args.slice(1) : args;
const inputs = files.length
  ? files.map((file) => [file, readFileSync(file, "utf8")])
  : [["<stdin>", readFileSync(0, "utf8")]];

let failed = 0;
const results = [];
for (const [name, text] of inputs) {
  try {
    // parse() is the public check; the diagram object says what it understood.
    const parsed = await mermaid.parse(text);
    if (json) {
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      results.push({ file: name, ...describe(diagram) });
    } else {
      process.stdout.write(`${name}: ok (${parsed.diagramType})\n`);
    }
  } catch (error) {
    failed += 1;
    process.stderr.write(`${name}: ${error && error.message ? error.message : error}\n`);
  }
}
// Exit only once stdout is flushed: a pipe takes writes asynchronously, and exiting
// at once cuts a long report short.
const report = json ? JSON.stringify(results) + "\n" : "";
process.stdout.write(report, () => process.exit(failed ? 1 : 0));
