/* Parcours — le chercheur d'activités.
 *
 * Amélioration progressive d'un formulaire GET : sans JavaScript, toutes les
 * activités sont listées et les listes par âge, quartier… restent en liens.
 * Avec JavaScript, chaque changement filtre aussitôt la liste, met l'adresse
 * à jour (bouton « Retour » compris), annonce le nombre de résultats et
 * compte les résultats de chaque choix. Aucune dépendance, rien d'externe.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-finder]");
  var list = document.querySelector("[data-finder-liste]");
  if (!form || !list) return;

  var status = document.getElementById("resultats");
  var empty = document.querySelector("[data-finder-vide]");
  var suggestions = document.querySelector("[data-finder-suggestions]");
  var FILTERS = ["age", "categorie", "temps", "jour", "quartier", "gratuit", "handicap", "ouvertes", "q"];
  var NAMES = {
    age: "Âge", categorie: "Catégorie", temps: "Moment", jour: "Jour",
    quartier: "Quartier", gratuit: "Gratuit", handicap: "Accueil handicap",
    ouvertes: "Inscriptions ouvertes", q: "Mots-clés"
  };
  var JOURS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

  // As macros.data.fields.fold, which wrote data-texte: compatibility forms too (ﬁ → fi).
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(text) {
    return fold(text).split(/\s+/).filter(Boolean);
  }

  // Statuses on the reader's day (assets/statut.js, loaded before this script).
  var STATUT = window.ParcoursStatut;
  var TODAY = STATUT.today();
  var JOINABLE = ["libre", "ouvertes"];

  var records = Array.prototype.map.call(list.children, function (li) {
    var d = li.dataset;
    var st = li.querySelector("[data-statut]").dataset;
    var code = STATUT.statut(st, TODAY).code;
    return {
      statut: code,
      ouvertes: JOINABLE.indexOf(code) >= 0,
      limite: st.limite,
      ouverture: st.ouverture,
      seances: d.seances ? d.seances.split(" ") : [],
      li: li,
      min: d.ageMin === "" ? null : Number(d.ageMin),
      max: d.ageMax === "" ? null : Number(d.ageMax),
      categorie: d.categorie,
      temps: d.temps.split(" "),
      jours: d.jours ? d.jours.split(" ") : [],
      quartier: d.quartier,
      gratuit: d.gratuit === "1",
      handicap: d.handicap === "1",
      texte: d.texte,
      titre: d.titre,
      debut: d.debut,
      fin: d.fin
    };
  });

  // --- state <-> form <-> URL ----------------------------------------------
  function field(name) {
    return form.elements.namedItem(name);
  }

  function readForm() {
    var state = {};
    FILTERS.concat(["tri"]).forEach(function (name) {
      var el = field(name);
      state[name] = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value.trim();
    });
    if (state.age !== "" && !/^\d{1,2}$/.test(state.age)) state.age = "";
    return state;
  }

  function writeForm(state) {
    FILTERS.concat(["tri"]).forEach(function (name) {
      var el = field(name);
      var value = state[name] || "";
      if (el.type === "checkbox") {
        el.checked = value === "1";
      } else if (el.tagName === "SELECT") {
        var known = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
        el.value = known ? value : "";
      } else {
        el.value = value;
      }
    });
  }

  function fromURL() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    FILTERS.concat(["tri"]).forEach(function (name) { state[name] = params.get(name) || ""; });
    return state;
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    FILTERS.concat(["tri"]).forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
    });
    var query = params.toString();
    return query ? "?" + query : window.location.pathname;
  }

  // --- the rule (macros/data/selection.py; tests/test_browser_finder_rule.py) ---------
  function matches(r, state, skip) {
    if (skip !== "age" && state.age !== "") {
      var age = Number(state.age);
      if (r.min === null || r.max === null || age < r.min || age > r.max) return false;
    }
    if (skip !== "categorie" && state.categorie && r.categorie !== state.categorie) return false;
    if (skip !== "temps" && state.temps && r.temps.indexOf(state.temps) < 0) return false;
    if (skip !== "jour" && state.jour && r.jours.indexOf(state.jour) < 0) return false;
    if (skip !== "quartier" && state.quartier && r.quartier !== state.quartier) return false;
    if (skip !== "gratuit" && state.gratuit && !r.gratuit) return false;
    if (skip !== "handicap" && state.handicap && !r.handicap) return false;
    if (skip !== "ouvertes" && state.ouvertes && !r.ouvertes) return false;
    if (skip !== "q" && state.q) {
      var terms = words(state.q);
      for (var i = 0; i < terms.length; i++) {
        if (r.texte.indexOf(terms[i]) < 0) return false;
      }
    }
    return true;
  }

  function count(state, skip) {
    var n = 0;
    for (var i = 0; i < records.length; i++) if (matches(records[i], state, skip)) n++;
    return n;
  }

  // The filters a record fails, stopping at two: with none it is shown, with
  // exactly one it counts for that filter's options (one pass for everything).
  function failures(r, state) {
    var failed = [];
    for (var i = 0; i < FILTERS.length && failed.length < 2; i++) {
      var name = FILTERS[i];
      if (state[name] !== "" && !matches(r, only(state, name))) failed.push(name);
    }
    return failed;
  }

  var single = {};
  function only(state, name) {
    for (var i = 0; i < FILTERS.length; i++) single[FILTERS[i]] = "";
    single[name] = state[name];
    return single;
  }

  function plural(n) {
    return n === 0 ? "Aucune activité" : n + (n > 1 ? " activités" : " activité");
  }

  // --- option counts ------------------------------------------------------------
  // Results each option would give, other filters unchanged: a record counts for
  // the options of filter `name` when `name` is the only filter it fails (or none).
  function updateCounts(failedBy) {
    ["categorie", "temps", "jour", "quartier"].forEach(function (name) {
      var counts = {};
      for (var i = 0; i < records.length; i++) {
        var failed = failedBy[i];
        if (failed.length > 1 || (failed.length === 1 && failed[0] !== name)) continue;
        var r = records[i];
        var values = name === "temps" ? r.temps : name === "jour" ? r.jours : [r[name]];
        for (var j = 0; j < values.length; j++) counts[values[j]] = (counts[values[j]] || 0) + 1;
      }
      Array.prototype.forEach.call(field(name).options, function (option) {
        if (!option.value) return;
        var text = option.dataset.label + " (" + (counts[option.value] || 0) + ")";
        if (option.textContent !== text) option.textContent = text;
      });
    });
    ["gratuit", "handicap", "ouvertes"].forEach(function (name) {
      var n = 0;
      for (var i = 0; i < records.length; i++) {
        var failed = failedBy[i];
        if (records[i][name] && (failed.length === 0 || (failed.length === 1 && failed[0] === name))) n++;
      }
      var label = form.querySelector('label[for="f-' + name + '"]');
      var text = label.dataset.label + " (" + n + ")";
      if (label.textContent !== text) label.textContent = text;
    });
  }

  // --- sorting ---------------------------------------------------------------
  // As macros/present/statut.py::prochaine_seance: a weekly day or a dated session.
  function nextSession(r, today) {
    if (r.fin < today) return "9999";
    var start = r.debut > today ? r.debut : today;
    var best = "9999";
    r.seances.forEach(function (iso) { if (iso >= today && iso < best) best = iso; });
    if (!r.jours.length && !r.seances.length) return start;
    var day = new Date(start + "T12:00:00Z");
    for (var i = 0; i < 7; i++) {
      var iso = day.toISOString().slice(0, 10);
      if (iso > r.fin) break;
      if (r.jours.indexOf(JOURS[day.getUTCDay()]) >= 0) { if (iso < best) best = iso; break; }
      day.setUTCDate(day.getUTCDate() + 1);
    }
    return best;
  }

  // As macros/present/finder.py::sort_key for « limite ».
  function deadlineKey(r) {
    if (r.statut === "ouvertes" && r.limite) return "0|" + r.limite;
    if (r.statut === "bientot" && r.ouverture) return "1|" + r.ouverture;
    return r.ouvertes ? "2|" : "3|";
  }

  var currentSort = null;
  var ordered = records.slice();
  function sort(tri) {
    if (tri === currentSort) return;
    currentSort = tri;
    var today = TODAY;
    var sorted = records.slice().sort(function (a, b) {
      if (tri === "age") {
        var am = a.min === null ? 99 : a.min;
        var bm = b.min === null ? 99 : b.min;
        if (am !== bm) return am - bm;
      } else if (tri === "prochaine") {
        var an = nextSession(a, today);
        var bn = nextSession(b, today);
        if (an !== bn) return an < bn ? -1 : 1;
      } else if (tri === "limite") {
        var ad = deadlineKey(a);
        var bd = deadlineKey(b);
        if (ad !== bd) return ad < bd ? -1 : 1;
      }
      return a.titre < b.titre ? -1 : a.titre > b.titre ? 1 : 0;
    });
    var fragment = document.createDocumentFragment();
    sorted.forEach(function (r) { fragment.appendChild(r.li); });
    list.appendChild(fragment);
    ordered = sorted;
  }

  // Drawing a thousand cards takes the browser hundreds of milliseconds: show
  // the first results, and more on demand. The count always gives the total.
  // 12 at a time: each newly shown card costs Chromium its style computation
  // (about 1.5 ms with Material's stylesheet); 24 made a filter change take
  // about 60 ms at 1,000 activities, 12 keep it under 40 (bench/README.md).
  var PAGE = 12;
  var limit = PAGE;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button";
  more.hidden = true;
  more.setAttribute("data-finder-plus", "");
  list.parentNode.insertBefore(more, list.nextSibling);

  function draw() {
    var rank = 0;
    for (var i = 0; i < ordered.length; i++) {
      var r = ordered[i];
      var visible = r.ok && rank < limit;
      if (r.ok) rank++;
      if (r.li.hidden === visible) r.li.hidden = !visible;
    }
    var rest = rank - limit;
    more.hidden = rest <= 0;
    if (rest > 0) more.textContent = "Afficher " + Math.min(rest, PAGE) + " activités de plus (" + rest + " restantes)";
  }

  more.addEventListener("click", function () {
    var first = limit;
    limit += PAGE;
    draw();
    var rank = 0;
    for (var i = 0; i < ordered.length; i++) {
      if (!ordered[i].ok) continue;
      if (rank++ === first) { ordered[i].li.querySelector("a").focus(); break; }
    }
  });

  // --- empty result: which filter to relax --------------------------------
  function suggest(state) {
    suggestions.textContent = "";
    FILTERS.forEach(function (name) {
      if (!state[name]) return;
      var n = count(state, name);
      if (!n) return;
      var value = state[name];
      var el = field(name);
      if (el.tagName === "SELECT") value = el.options[el.selectedIndex].dataset.label;
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "Retirer « " + NAMES[name] + (name === "gratuit" || name === "handicap" || name === "ouvertes" ? "" : " : " + value) +
        " » (" + plural(n).toLowerCase() + ")";
      button.addEventListener("click", function () {
        var el2 = field(name);
        if (el2.type === "checkbox") el2.checked = false; else el2.value = "";
        update(true);
        status.focus();
      });
      li.appendChild(button);
      suggestions.appendChild(li);
    });
  }

  // --- apply ------------------------------------------------------------------
  var announceTimer = null;
  function apply(state) {
    var started = performance.now();
    var shown = 0;
    var failedBy = new Array(records.length);
    for (var i = 0; i < records.length; i++) {
      failedBy[i] = failures(records[i], state);
      records[i].ok = failedBy[i].length === 0;
      if (records[i].ok) shown++;
    }
    sort(state.tri);
    limit = PAGE;
    draw();
    if (!form.hasAttribute("data-finder-fixe")) updateCounts(failedBy);
    empty.hidden = shown !== 0;
    if (shown === 0) suggest(state);
    clearTimeout(announceTimer);
    var message = plural(shown);
    announceTimer = setTimeout(function () { status.textContent = message; }, 250);
    form.dataset.resultats = String(shown);
    form.dataset.duree = String(performance.now() - started);
  }

  function update(push) {
    if (form.hasAttribute("data-finder-fixe")) push = false;
    var state = readForm();
    var url = toQuery(state);
    // The address first: once the cards have changed, Chromium's pushState would
    // wait for their styles (25–50 ms at 1,000 activities) instead of the next frame.
    if (url !== window.location.search && !(url === window.location.pathname && !window.location.search)) {
      if (push) history.pushState(state, "", url); else history.replaceState(state, "", url);
    }
    apply(state);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update(true);
  });
  form.addEventListener("change", function () { update(true); });
  form.addEventListener("input", function (event) {
    if (event.target.name === "q" || event.target.name === "age") update(false);
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { update(true); }, 0);
  });
  window.addEventListener("popstate", function () {
    var state = fromURL();
    writeForm(state);
    apply(readForm());
  });

  status.setAttribute("tabindex", "-1");
  if (!form.hasAttribute("data-finder-fixe")) form.hidden = false;
  writeForm(fromURL());
  apply(readForm());
  document.documentElement.classList.add("pc-finder-pret");
})();
