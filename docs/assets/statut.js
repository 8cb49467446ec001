/* Parcours — où en est une activité aujourd'hui (peut-on encore s'inscrire ?).
 *
 * La page dit le statut du jour de sa construction ; ce script le recalcule
 * pour le jour où elle est lue, avec la même règle que
 * macros/present/statut.py (tests/browser/test_browser_statut.py compare les
 * deux, jour après jour). Sans JavaScript, le statut du jour de construction
 * reste affiché. Le chercheur d'activités (finder.js) s'en sert aussi.
 */
(function () {
  "use strict";

  var MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
    "août", "septembre", "octobre", "novembre", "décembre"];

  // As macros.present.formatting.date_fr: 2026-12-01 → « 1er décembre 2026 ».
  function dateFr(iso) {
    var p = iso.split("-");
    var day = Number(p[2]);
    return (day === 1 ? "1er" : String(day)) + " " + MOIS[Number(p[1]) - 1] + " " + p[0];
  }

  // The reader's day, in their own time zone, as AAAA-MM-JJ.
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  // The rule of macros/present/statut.py::statut, on the data-* of an element.
  function statut(d, day) {
    if (d.fin < day) return { code: "terminee", texte: "Terminée" };
    var starts = d.debut > day;
    if (d.acces === "libre") {
      if (!starts) return { code: "libre", texte: "Sans inscription" };
      return { code: "libre", texte: "Sans inscription, " + (d.debut === d.fin ? "le " : "à partir du ") + dateFr(d.debut) };
    }
    if (d.acces === "scolaire") return { code: "scolaire", texte: "Avec la classe" };
    if (d.acces === "sur-orientation") return { code: "orientation", texte: "Sur proposition d’un professionnel" };
    if (d.complet === "1") return { code: "complet", texte: "Complet" };
    if (d.limite && d.limite < day) return { code: "closes", texte: "Inscriptions closes" };
    if (d.ouverture && d.ouverture > day) {
      return { code: "bientot", texte: "Inscriptions à partir du " + dateFr(d.ouverture) };
    }
    if (d.limite) return { code: "ouvertes", texte: "Inscriptions ouvertes jusqu’au " + dateFr(d.limite) };
    if (starts) return { code: "ouvertes", texte: "Inscriptions ouvertes, début le " + dateFr(d.debut) };
    return { code: "ouvertes", texte: "Inscriptions ouvertes" };
  }

  // Every status shown on the page, brought to today: its words, its colour, and the
  // « s'inscrire » link only while registration is open.
  function refresh(root) {
    var day = today();
    Array.prototype.forEach.call((root || document).querySelectorAll("[data-statut]"), function (el) {
      var s = statut(el.dataset, day);
      var words = el.querySelector("[data-statut-texte]");
      if (words && words.textContent !== s.texte) words.textContent = s.texte;
      var previous = el.getAttribute("data-statut");
      if (previous !== s.code) {
        if (previous) el.classList.remove("pc-statut--" + previous);
        el.classList.add("pc-statut--" + s.code);
        el.setAttribute("data-statut", s.code);
      }
      var link = el.querySelector("[data-statut-lien]");
      if (link) link.hidden = s.code !== "ouvertes";
    });
    // Dated entries of the registration agenda that are past today.
    Array.prototype.forEach.call((root || document).querySelectorAll("[data-agenda-jour]"), function (el) {
      el.hidden = el.getAttribute("data-agenda-jour") < day;
    });
  }

  window.ParcoursStatut = { statut: statut, today: today, dateFr: dateFr, refresh: refresh };
  refresh(document);
})();
