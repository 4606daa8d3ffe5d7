"""The review page's style and script, inline: the page loads nothing from anywhere."""

# The Content-Security-Policy forbids every request (no network, no external script);
# inline style and the inline script below are the only things it allows.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6570; --line: #d8dde3;
  --error: #c62828; --warning: #b26a00; --info: #2f6fb0; --ok: #2e7d32; --pick: #fff4c2; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; overflow-wrap: anywhere; }
main { max-width: 1100px; margin: 0 auto; padding: 12px 16px 48px; }
h1 { font-size: 1.6rem; margin: 0.6em 0 0.2em; line-height: 1.25; }
h2 { font-size: 1.25rem; margin: 1.6em 0 0.4em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1em 0 0.2em; }
p.answer { background: #f4f7fa; border-left: 4px solid var(--info); padding: 8px 12px; }
nav { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 0.95rem; }
nav a { color: var(--info); text-decoration: none; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: 0.92rem; min-width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left;
  vertical-align: top; overflow-wrap: normal; }
td:first-child { min-width: 8em; }
th { background: #f4f7fa; white-space: nowrap; }
ul.items { padding-left: 0; list-style: none; }
ul.items li { padding: 4px 8px 4px 10px; border-left: 4px solid var(--info); margin: 4px 0; }
ul.items li.error { border-color: var(--error); }
ul.items li.warning { border-color: var(--warning); }
ul.items li.picked { background: var(--pick); }
.sev { font-weight: 600; text-transform: uppercase; font-size: 0.75rem; margin-right: 6px; }
.error .sev { color: var(--error); } .warning .sev { color: var(--warning); }
.info .sev { color: var(--info); }
.gaps li { color: var(--warning); }
dl.glance dt { font-weight: 600; margin-top: 6px; } dl.glance dd { margin: 0 0 0 14px; }
dl.glance a { color: inherit; }
.diagram { overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
.diagram svg { display: block; width: 100%; min-width: 680px; height: auto; }
.diagram g.component { cursor: pointer; }
.diagram g.component:focus { outline: none; }
.diagram g.component.picked rect, .diagram g.component:focus rect { stroke: #e0a800;
  stroke-width: 3; }
#details { position: sticky; top: 0; z-index: 1; background: #fffdf3;
  border: 1px solid #e6d9a8; border-radius: 6px; padding: 6px 12px; margin-bottom: 8px;
  max-height: 35vh; overflow: auto; }
#details h3 { margin-top: 0; }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #eef1f4; border-radius: 3px; padding: 0 3px; overflow-wrap: anywhere; }
.hint { color: var(--muted); font-size: 0.9rem; }
@media (max-width: 600px) { body { font-size: 15px; } main { padding: 8px 10px 40px; }
  h1 { font-size: 1.3rem; } th, td { padding: 3px 5px; } }
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('review-data').textContent);
  var panel = document.getElementById('details');
  // The same `code` spans the page shows as code; every part is set as text, never HTML.
  var CODE = /`([^`\\s](?:[^`]*[^`\\s])?)`/g;
  function addText(parent, line) {
    var at = 0, match;
    CODE.lastIndex = 0;
    while ((match = CODE.exec(line)) !== null) {
      parent.appendChild(document.createTextNode(line.slice(at, match.index)));
      var code = document.createElement('code'); code.textContent = match[1];
      parent.appendChild(code);
      at = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(line.slice(at)));
  }
  function show(id) {
    var info = data.components[id];
    if (!info) { return; }
    var html = '<h3></h3><ul></ul>';
    panel.innerHTML = html;
    panel.querySelector('h3').textContent = info.title;
    var list = panel.querySelector('ul');
    (info.lines.length ? info.lines : ['No finding and no figure for this component.'])
      .forEach(function (line) {
        var li = document.createElement('li'); addText(li, line); list.appendChild(li);
      });
    document.querySelectorAll('g.component.picked, li.picked').forEach(function (el) {
      el.classList.remove('picked');
    });
    document.querySelectorAll('g.component').forEach(function (el) {
      if (el.getAttribute('data-id') === id) { el.classList.add('picked'); }
    });
    document.querySelectorAll('li[data-elements]').forEach(function (li) {
      if (li.getAttribute('data-elements').split(' ').indexOf(id) >= 0) {
        li.classList.add('picked');
      }
    });
  }
  document.querySelectorAll('.diagram g.component').forEach(function (el) {
    var id = el.getAttribute('data-id');
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.addEventListener('mouseenter', function () { show(id); });
    el.addEventListener('click', function () { show(id); });
    el.addEventListener('focus', function () { show(id); });
  });
  // A link to the page with #component=ID opens it with that component selected.
  function fromHash() {
    var match = /^#component=(.+)$/.exec(window.location.hash);
    if (match) { show(decodeURIComponent(match[1])); }
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
"""
