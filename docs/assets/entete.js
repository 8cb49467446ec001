/* Parcours — the header's two controls (overrides/partials/header.html).
 *
 * The menu button opens and closes Material's drawer (its checkbox #__drawer):
 * aria-expanded tells the state, focus goes to the first link when it opens,
 * Esc closes it and gives focus back to the button, and it closes when focus
 * leaves it. The closed drawer is visibility: hidden (parcours.css), out of
 * the Tab order.
 *
 * The theme button is a toggle (aria-pressed) between the light palette and
 * the dark one of mkdocs.yml. The choice is stored as Material stores it
 * (__md_set("__palette")), so Material's inline script restores it before the
 * first paint of the next page; with no choice, the system preference rules.
 */
(function () {
  "use strict";

  function menu() {
    var bouton = document.querySelector("[data-pc-menu]");
    var tiroir = document.getElementById("__drawer");
    var navigation = bouton && document.getElementById(bouton.getAttribute("aria-controls"));
    if (!bouton || !tiroir || !navigation) return;
    var barre = navigation.closest(".md-sidebar") || navigation;

    function synchroniser() {
      bouton.setAttribute("aria-expanded", tiroir.checked ? "true" : "false");
    }
    function regler(ouvert) {
      if (tiroir.checked !== ouvert) tiroir.click(); // as Material does: fires "change"
      synchroniser();
    }

    bouton.addEventListener("click", function () {
      regler(!tiroir.checked);
      if (tiroir.checked) {
        var premier = [].filter.call(navigation.querySelectorAll(".md-nav__list a[href]"), function (a) {
          // Material hides the current page's link behind its table of contents (a closed panel)
          return a.getClientRects().length > 0 && getComputedStyle(a).visibility === "visible";
        })[0];
        if (premier) premier.focus({ preventScroll: true }); // the drawer is still sliding in: no scrolling it sideways
      }
    });
    tiroir.addEventListener("change", synchroniser); // the overlay, Material closing it on resize
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && tiroir.checked) {
        regler(false);
        bouton.focus();
      }
    });
    document.addEventListener("focusin", function (event) {
      if (tiroir.checked && event.target !== bouton && !barre.contains(event.target)) regler(false);
    });
    synchroniser();
  }

  function theme() {
    var bouton = document.querySelector("[data-pc-theme]");
    if (!bouton) return;
    var palettes = JSON.parse(bouton.getAttribute("data-pc-theme"));
    var clair = palettes[0];
    var sombre = palettes.filter(function (p) { return p.scheme === "slate"; })[0];
    if (!clair || !sombre) {
      bouton.hidden = true;
      return;
    }
    var stocker = typeof __md_set === "function" ? __md_set : function () {};
    var lire = function () {
      try {
        return typeof __md_get === "function" ? __md_get("__palette") : null;
      } catch (erreur) {
        return null;
      }
    };

    function appliquer(palette) {
      ["media", "scheme", "primary", "accent"].forEach(function (cle) {
        document.body.setAttribute("data-md-color-" + cle, palette[cle]);
      });
      bouton.setAttribute("aria-pressed", palette === sombre ? "true" : "false");
    }

    bouton.addEventListener("click", function () {
      var suivante = bouton.getAttribute("aria-pressed") === "true" ? clair : sombre;
      appliquer(suivante);
      stocker("__palette", { index: palettes.indexOf(suivante), color: suivante });
    });

    // The first palette is applied at once: if the page was already painted, its
    // colours would otherwise fade from light to dark (and be read mid-way).
    function appliquerSansTransition(palette) {
      var racine = document.documentElement;
      racine.classList.add("pc-sans-transition");
      appliquer(palette);
      void getComputedStyle(document.body).color;
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { racine.classList.remove("pc-sans-transition"); });
      });
    }

    var choix = lire();
    var systeme = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    if (choix && choix.color) {
      appliquerSansTransition(choix.color.scheme === sombre.scheme ? sombre : clair);
    } else {
      appliquerSansTransition(systeme && systeme.matches ? sombre : clair);
      if (systeme && systeme.addEventListener) {
        systeme.addEventListener("change", function (event) {
          if (!lire()) appliquer(event.matches ? sombre : clair);
        });
      }
    }
  }

  menu();
  theme();
})();
