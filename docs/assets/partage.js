/* Parcours — « Copier le lien » : copie l'adresse de la page et l'annonce. */
(function () {
  "use strict";
  var button = document.querySelector("[data-partage-copier]");
  var field = document.querySelector("[data-partage-adresse]");
  var status = document.querySelector("[data-partage-statut]");
  if (!button || !field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      status.textContent = "Lien copié.";
    }, function () {
      field.select();
      status.textContent = "Copie impossible : le lien est sélectionné, copiez-le avec Ctrl+C.";
    });
  });
})();
