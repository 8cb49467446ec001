"""The commune's colours as CSS, and what the theme step fixes in every page Material writes."""

from __future__ import annotations

import pytest

from macros.site.theme import ThemeError, accessible_page, couleurs_css

COULEURS = {
    "primaire": "#1f3f8f",
    "lien_clair": "#1f4bb3",
    "lien_sombre": "#9cc3ff",
    "focus": "#c2410c",
    "alerte": "#B45309",
}


def test_the_colours_become_the_theme_variables() -> None:
    assert couleurs_css({"couleurs": COULEURS}) == (
        ":root {\n"
        "  --md-primary-fg-color: #1f3f8f;\n"
        "  --md-primary-fg-color--dark: #1f3f8f;\n"
        "  --md-primary-fg-color--light: #1f3f8f;\n"
        "  --pc-lien-clair: #1f4bb3;\n"
        "  --pc-lien-sombre: #9cc3ff;\n"
        "  --pc-focus: #c2410c;\n"
        "  --pc-alerte: #B45309;\n"
        "  --md-primary-bg-color: #ffffff;\n"
        "  --md-primary-bg-color--light: #ffffffb3;\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("focus", "#fff", "#fff"),
        ("focus", "red", "red"),
        ("primaire", "#1f3f8f; } body { display: none", "#1f3f8f; } body { display: none"),
        ("alerte", None, ""),
    ],
)
def test_a_colour_not_written_rrggbb_is_refused_with_its_key(
    key: str, value: str | None, shown: str
) -> None:
    couleurs = {k: v for k, v in COULEURS.items() if k != key}
    if value is not None:
        couleurs[key] = value
    with pytest.raises(ThemeError) as caught:
        couleurs_css({"couleurs": couleurs})
    assert str(caught.value) == (
        f"mkdocs.yml : extra.couleurs.{key} doit être une couleur « #rrggbb » (trouvé « {shown} »)"
    )


MATERIAL_PAGE = (
    '<head><link rel="prev" href="../a/"><link rel="next" href="../c/"></head><body>'
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
    ' autocomplete="off">'
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
    ' autocomplete="off">'
    '<main class="md-main" data-md-component="main"><nav>menu</nav>'
    '<main id="contenu">texte</main></main><footer></footer></body>'
)


def test_material_pages_lose_their_shortcut_links_invalid_attributes_and_outer_main() -> None:
    assert accessible_page(MATERIAL_PAGE) == (
        "<head></head><body>"
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
        '<div class="md-main" data-md-component="main"><nav>menu</nav>'
        '<main id="contenu">texte</main></div><footer></footer></body>'
    )


def test_a_page_without_material_main_is_left_as_it_is() -> None:
    page = '<body><main id="contenu"><input type="search" autocomplete="off"></main></body>'
    assert accessible_page(page) == page
