/* Parcours — la page de recherche (Pagefind).
 *
 * L'index n'est chargé qu'à la première recherche, et seulement les morceaux
 * utiles à la requête. La requête et le type choisi vivent dans l'adresse
 * (/recherche/?q=judo&type=activité) : on peut la partager, le bouton
 * « Retour » fonctionne.
 */
(function () {
  "use strict";

  var form = document.getElementById("pc-recherche");
  if (!form) return;
  var input = document.getElementById("pc-q");
  var status = document.getElementById("pc-recherche-statut");
  var list = document.getElementById("pc-resultats");
  var more = document.getElementById("pc-plus");
  var script = document.currentScript;
  var root = new URL("..", script ? script.src : window.location.href);
  // The result types come from the page (macros.data.kinds.TYPES, written by the build):
  // value -> { one: "Activité", many: "Activités" }.
  var TYPES = {};
  Array.prototype.forEach.call(form.querySelectorAll('input[name="type"]'), function (radio) {
    if (radio.value) TYPES[radio.value] = { one: radio.dataset.singular, many: radio.nextElementSibling.dataset.label };
  });
  var PAGE = 10;
  var pagefind = null;
  var results = [];
  var shown = 0;
  var serial = 0;
  var timer = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        // noWorker: a commune's index is small enough to search in the page, and this
        // spares the first query Pagefind's worker script (about 12 KB compressed).
        return pf.options({ baseUrl: root.pathname, noWorker: true })
          .then(function () { return pf.filters(); })  // counts per type need the filter index
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function state() {
    var checked = form.querySelector('input[name="type"]:checked');
    return { q: input.value.trim(), type: checked ? checked.value : "" };
  }

  function writeState(s) {
    input.value = s.q;
    var radio = form.querySelector('input[name="type"][value="' + (s.type in TYPES ? s.type : "") + '"]');
    if (radio) radio.checked = true;
  }

  function fromURL() {
    var params = new URLSearchParams(window.location.search);
    return { q: params.get("q") || "", type: params.get("type") || "" };
  }

  function toURL(s) {
    var params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    if (s.type) params.set("type", s.type);
    var query = params.toString();
    return query ? "?" + query : window.location.pathname;
  }

  // Keep only the text and the <mark> of Pagefind's excerpt: nothing else can get in.
  function excerpt(html) {
    var p = document.createElement("p");
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    Array.prototype.forEach.call(doc.body.firstChild.childNodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function render(data) {
    var li = document.createElement("li");
    var h2 = document.createElement("h2");
    var a = document.createElement("a");
    a.href = data.url;
    a.textContent = data.meta.title || data.url;
    h2.appendChild(a);
    li.appendChild(h2);
    var facts = [];
    var type = data.filters && data.filters.type && data.filters.type[0];
    if (type && TYPES[type]) facts.push(TYPES[type].one);
    ["age", "quartier", "theme", "service"].forEach(function (key) {
      if (data.meta[key]) facts.push(data.meta[key]);
    });
    var meta = document.createElement("p");
    meta.className = "pc-meta";
    meta.textContent = facts.join(" · ");
    li.appendChild(meta);
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  function showMore() {
    var slice = results.slice(shown, shown + PAGE);
    var id = serial;
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
      if (id !== serial) return;
      items.forEach(function (data) { list.appendChild(render(data)); });
      shown += items.length;
      more.hidden = shown >= results.length;
    });
  }

  function updateTypeCounts(counts) {
    Array.prototype.forEach.call(form.querySelectorAll('input[name="type"]'), function (radio) {
      var span = radio.nextElementSibling;
      var label = span.dataset.label;
      if (!radio.value) { span.textContent = label; return; }
      var n = counts && counts[radio.value] ? counts[radio.value] : 0;
      span.textContent = label + " (" + n + ")";
    });
  }

  function search(push) {
    var s = state();
    var url = toURL(s);
    if (url !== window.location.search && !(url === window.location.pathname && !window.location.search)) {
      if (push) history.pushState(s, "", url); else history.replaceState(s, "", url);
    }
    var id = ++serial;
    if (!s.q) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "";
      updateTypeCounts(null);
      return Promise.resolve();
    }
    status.textContent = "Recherche en cours…";
    return load().then(function (pf) {
      return pf.search(s.q, s.type ? { filters: { type: s.type } } : {});
    }).then(function (search) {
      if (id !== serial) return;
      results = search.results;
      shown = 0;
      list.textContent = "";
      updateTypeCounts(search.totalFilters && search.totalFilters.type);
      var n = results.length;
      status.textContent = (n === 0 ? "Aucun résultat" : n + (n > 1 ? " résultats" : " résultat")) +
        " pour « " + s.q + " »" + (s.type ? " (" + TYPES[s.type].many.toLowerCase() + ")" : "") + ".";
      return showMore();
    }).catch(function () {
      if (id !== serial) return;
      status.textContent = "La recherche n'a pas pu se charger. Réessayez, ou utilisez le plan du site.";
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(true);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(false); }, 250);
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "type") search(true);
  });
  more.addEventListener("click", function () {
    var first = shown;
    showMore().then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });
  window.addEventListener("popstate", function () {
    writeState(fromURL());
    search(false);
  });

  writeState(fromURL());
  if (input.value) search(false); else input.focus();
})();
