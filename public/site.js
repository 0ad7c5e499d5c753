(function () {
  "use strict";
  var form = document.getElementById("sok-form");
  var index = window.STYRNING_SOK;
  if (!form || !index) { return; }
  var input = document.getElementById("q");
  var status = document.getElementById("sok-status");
  var list = document.getElementById("sok-resultat");
  form.hidden = false;
  function norm(s) { return s.toLocaleLowerCase("sv"); }
  function snippet(text, word) {
    var at = norm(text).indexOf(word);
    if (at < 0) { return text.slice(0, 160); }
    var from = Math.max(0, at - 60);
    return (from > 0 ? "…" : "") + text.slice(from, at + 100) + "…";
  }
  function run(query) {
    var words = norm(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = [];
    index.forEach(function (d) {
      var title = norm(d.title), all = title + " " + norm(d.text);
      if (!words.every(function (w) { return all.indexOf(w) >= 0; })) { return; }
      var score = words.filter(function (w) { return title.indexOf(w) >= 0; }).length;
      hits.push({ d: d, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.d.url;
      a.textContent = h.d.title;
      li.appendChild(a);
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = h.d.kind;
      li.appendChild(kind);
      var p = document.createElement("p");
      p.textContent = snippet(h.d.text, words[0]);
      li.appendChild(p);
      list.appendChild(li);
    });
    var n = hits.length;
    status.textContent = n === 0 ? "Inga träffar för \u201d" + query + "\u201d."
      : n + (n === 1 ? " träff" : " träffar") + " för \u201d" + query + "\u201d.";
  }
  input.addEventListener("input", function () { run(input.value); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(input.value); });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; run(q); }
})();
