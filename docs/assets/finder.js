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
  var SELECTS = ["quand", "moment", "quartier", "categorie", "prix", "acces"];
  var CASES = ["ouvertes", "fauteuil", "handicap", "adaptee"];
  // In the form's order (macros/present/finder.py::PARAMETERS, tri apart).
  var FILTERS = ["age", "q", "quand", "moment", "quartier", "categorie", "prix", "acces"].concat(CASES);
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

  function list_(value) { return value ? value.split(" ") : []; }

  var records = Array.prototype.map.call(list.children, function (li) {
    var d = li.dataset;
    var st = li.querySelector("[data-statut]").dataset;
    var code = STATUT.statut(st, TODAY).code;
    var r = {
      statut: code,
      ouvertes: JOINABLE.indexOf(code) >= 0,
      limite: st.limite,
      ouverture: st.ouverture,
      seances: list_(d.seances),
      li: li,
      min: d.ageMin === "" ? null : Number(d.ageMin),
      max: d.ageMax === "" ? null : Number(d.ageMax),
      jours: list_(d.jours),
      fauteuil: d.fauteuil === "1",
      handicap: d.handicap === "1",
      adaptee: d.adaptee === "1",
      texte: d.texte,
      titre: d.titre,
      debut: d.debut,
      fin: d.fin,
      values: {}
    };
    // The options of each select that keep this activity (card_data in Python).
    SELECTS.forEach(function (name) { r.values[name] = list_(d[name]); });
    return r;
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

  // Addresses written before « Quand ? » and the price ceiling (finder.py::FORMER).
  var WEEK = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
  var TIMES = ["scolaire", "periscolaire", "mercredi", "vacances", "week-end"];
  function fromURL() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    FILTERS.concat(["tri"]).forEach(function (name) { state[name] = params.get(name) || ""; });
    if (!params.has("quand")) {
      var jour = params.get("jour") || "", temps = params.get("temps") || "";
      if (WEEK.indexOf(jour) >= 0) state.quand = jour === "samedi" || jour === "dimanche" ? "week-end" : jour;
      else if (TIMES.indexOf(temps) >= 0) state.quand = temps;
    }
    if (!params.has("prix") && params.get("gratuit") === "1") state.prix = "gratuit";
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
    for (var s = 0; s < SELECTS.length; s++) {
      var name = SELECTS[s];
      if (skip !== name && state[name] && r.values[name].indexOf(state[name]) < 0) return false;
    }
    for (var c = 0; c < CASES.length; c++) {
      if (skip !== CASES[c] && state[CASES[c]] && !r[CASES[c]]) return false;
    }
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
    SELECTS.forEach(function (name) {
      var counts = {};
      for (var i = 0; i < records.length; i++) {
        var failed = failedBy[i];
        if (failed.length > 1 || (failed.length === 1 && failed[0] !== name)) continue;
        var values = records[i].values[name];
        for (var j = 0; j < values.length; j++) counts[values[j]] = (counts[values[j]] || 0) + 1;
      }
      Array.prototype.forEach.call(field(name).options, function (option) {
        if (!option.value) return;
        var text = option.dataset.label + " (" + (counts[option.value] || 0) + ")";
        if (option.textContent !== text) option.textContent = text;
      });
    });
    CASES.forEach(function (name) {
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

  // As macros/present/finder.py::RANKS: by default, what a family can join now first.
  var RANKS = { ouvertes: 0, libre: 0, bientot: 1, complet: 2, closes: 2, scolaire: 3, orientation: 3, terminee: 4 };
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
      } else if (tri !== "titre" && RANKS[a.statut] !== RANKS[b.statut]) {
        return RANKS[a.statut] - RANKS[b.statut];
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

  // --- what a filter says, on its chip and in the suggestions --------------------
  function describe(name, state) {
    var value = state[name];
    if (name === "age") return value === "0" ? "Moins d’un an" : Number(value) + (Number(value) > 1 ? "\u00a0ans" : "\u00a0an");
    if (name === "q") return "Mots-clés\u00a0: " + value;
    var el = field(name);
    if (el.type === "checkbox") return form.querySelector('label[for="f-' + name + '"]').dataset.label;
    var text = el.options[el.selectedIndex].dataset.label;
    return name === "quartier" ? "Quartier\u00a0: " + text : name === "categorie" ? "Catégorie\u00a0: " + text : text;
  }

  function clear(name) {
    var el = field(name);
    if (el.type === "checkbox") el.checked = false; else el.value = "";
  }

  function active(state) {
    return FILTERS.filter(function (name) { return state[name] !== ""; });
  }

  // --- empty result: which filter to relax --------------------------------
  function suggest(state) {
    suggestions.textContent = "";
    active(state).forEach(function (name) {
      var n = count(state, name);
      if (!n) return;
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "Retirer «\u00a0" + describe(name, state) + "\u00a0» (" + plural(n).toLowerCase() + ")";
      button.addEventListener("click", function () {
        clear(name);
        update(true);
        status.focus();
      });
      li.appendChild(button);
      suggestions.appendChild(li);
    });
  }

  // --- active filters as chips: one button each removes it -----------------------
  var chips = document.querySelector("[data-finder-puces]");
  function chip(text, hint, action) {
    var li = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pc-puce";
    var hidden = document.createElement("span");
    hidden.className = "pc-invisible";
    hidden.textContent = hint;
    var cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = "×";
    button.appendChild(hidden);
    button.appendChild(document.createTextNode(text + " "));
    button.appendChild(cross);
    button.addEventListener("click", action);
    li.appendChild(button);
    chips.appendChild(li);
  }

  function drawChips(state) {
    if (!chips) return;
    chips.textContent = "";
    var names = active(state);
    names.forEach(function (name, index) {
      chip(describe(name, state), "Retirer le filtre ", function () {
        clear(name);
        update(true);
        var left = chips.querySelectorAll("button");
        (left.length ? left[Math.min(index, left.length - 1)] : status).focus();
      });
    });
    if (names.length > 1) {
      chip("Tout effacer", "Filtres\u00a0: ", function () {
        FILTERS.forEach(clear);
        update(true);
        status.focus();
      });
    }
    chips.hidden = names.length === 0;
  }

  // --- « Filtrer » on phones: the form behind a disclosure button ----------------
  var opener = document.querySelector("[data-finder-ouvrir]");
  var badge = document.querySelector("[data-finder-actifs]");
  var show = form.querySelector("[data-finder-voir]");
  var narrow = window.matchMedia("(max-width: 59.9375em)");
  function setOpen(open) {
    form.classList.toggle("pc-filtres--ouvert", open);
    opener.setAttribute("aria-expanded", String(open));
  }

  if (opener) {
    opener.addEventListener("click", function () {
      var open = opener.getAttribute("aria-expanded") !== "true";
      setOpen(open);
      if (open) field("age").focus();
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && opener.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        opener.focus();
      }
    });
    document.querySelector("[data-finder-barre]").hidden = false;
  }

  function drawSummary(state, shown) {
    var n = active(state).length;
    if (badge) badge.textContent = n ? " — " + n + (n > 1 ? " filtres actifs" : " filtre actif") : "";
    var text = shown === 0 ? "Aucune activité à voir" : shown === 1 ? "Voir l’activité" : "Voir les " + shown + " activités";
    if (show.textContent !== text) show.textContent = text;
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
    if (!form.hasAttribute("data-finder-fixe")) {
      updateCounts(failedBy);
      drawChips(state);
      drawSummary(state, shown);
    }
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

  // One history entry per committed change: the arrow keys on a select, or the letters
  // typed in a field, replace the entry the control's first change pushed, until the
  // reader leaves the control, presses Entrée or takes the pointer. A check box commits.
  var adjusting = null;
  function changed(event) {
    var target = event.target;
    var push = target.type === "checkbox" || adjusting !== target;
    adjusting = target.type === "checkbox" ? null : target;
    update(push);
  }
  form.addEventListener("change", changed);
  form.addEventListener("input", function (event) {
    if (event.target.name === "q" || event.target.name === "age") changed(event);
  });
  form.addEventListener("focusout", function (event) { if (event.target === adjusting) adjusting = null; });
  form.addEventListener("pointerdown", function () { adjusting = null; });
  form.addEventListener("keydown", function (event) { if (event.key === "Enter") adjusting = null; });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update(true);
    // « Voir les N activités »: the list, with the form folded away on a phone.
    if (opener && narrow.matches) setOpen(false);
    status.focus();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { update(true); }, 0);
  });
  window.addEventListener("popstate", function () {
    adjusting = null;
    writeForm(fromURL());
    apply(readForm());
  });

  status.setAttribute("tabindex", "-1");
  if (!form.hasAttribute("data-finder-fixe")) form.hidden = false;
  writeForm(fromURL());
  apply(readForm());
  document.documentElement.classList.add("pc-finder-pret");
})();
