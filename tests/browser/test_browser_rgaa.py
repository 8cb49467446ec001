"""What axe cannot see (RGAA audit, issue 19), checked in Chromium on the built sample site.

Skip link, keyboard menu, reflow at 320 px, text spacing, contrast of every
control in every state, focus rings, no single-key shortcut, the theme
button, the 404 page, the current menu entry, decorative icons and the logo.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from conftest import ROOT, site_pages
from macros.data.kinds import KINDS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

EMBED = "/integrer/"  # the list made for other sites' iframes: no header, no navigation to skip
SCHEMES = ["light", "dark"]
NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important; }"
)

# Colour maths in the page: WCAG relative luminance, alpha compositing up the
# tree to the first opaque background, opacity of the element and its parents.
COLOUR_JS = """
(() => {
  const parse = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, under) => {
    const a = top.a + under.a * (1 - top.a);
    if (a === 0) return {r: 0, g: 0, b: 0, a: 0};
    const mix = (k) => (top[k] * top.a + under[k] * under.a * (1 - top.a)) / a;
    return {r: mix("r"), g: mix("g"), b: mix("b"), a};
  };
  const background = (el) => {
    let colour = {r: 0, g: 0, b: 0, a: 0};
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const layer = parse(getComputedStyle(node).backgroundColor);
      if (layer && layer.a > 0) colour = over(colour, layer);
      if (colour.a >= 0.999) return colour;
    }
    return over(colour, {r: 255, g: 255, b: 255, a: 1});
  };
  const opacity = (el) => {
    let o = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      o *= Number(getComputedStyle(node).opacity);
    }
    return o;
  };
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility === "visible"
      && el.getClientRects().length > 0 && opacity(el) > 0.01;
  };
  const name = (el) => (el.getAttribute("aria-label") || el.textContent
      || el.getAttribute("title") || el.id || el.tagName)
    .replace(/\\s+/g, " ").trim().slice(0, 50);
  window.__pc = {parse, over, background, opacity, ratio, visible, name};
})();
"""

CHECK_JS = """
([selector, state]) => {
  const {parse, over, background, opacity, ratio, visible, name} = window.__pc;
  const problems = [];
  let checked = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (!visible(el)) continue;
    checked += 1;
    const label = `${el.tagName.toLowerCase()} « ${name(el)} » (${state})`;
    const texts = [el, ...el.querySelectorAll("*")].filter((node) =>
      [...node.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()) && visible(node));
    if (!["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName)) {
      for (const node of texts) {
        const bg = background(node);
        const colour = parse(getComputedStyle(node).color);
        colour.a *= opacity(node);
        const r = ratio(over(colour, bg), bg);
        if (r < 4.5) problems.push(`${label} : texte ${r.toFixed(2)}:1`);
      }
    }
    if (state === "focus") {
      const s = getComputedStyle(el);
      const rings = [];
      if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) {
        rings.push(parse(s.outlineColor));
      }
      for (const m of s.boxShadow.matchAll(/(rgba?\\([^)]+\\))([^,]*)/g)) {
        const lengths = m[2].trim().split(/\\s+/).map(parseFloat);
        const spread = lengths.length >= 4 ? lengths[3] : 0;
        if (!m[2].includes("inset") && spread >= 2) rings.push(parse(m[1]));
      }
      const bg = background(el.parentElement);
      const best = Math.max(0, ...rings.filter(Boolean).map((c) => ratio(over(c, bg), bg)));
      if (best < 3) problems.push(`${label} : contour du focus ${best.toFixed(2)}:1`);
    }
  }
  return {checked, problems};
}
"""

FINDER_READY = "document.documentElement.classList.contains('pc-finder-pret')"
STILL = (
    "addEventListener('DOMContentLoaded', () => document.head.insertAdjacentHTML("
    f"'beforeend', '<style>{NO_TRANSITIONS}</style>'))"
)
CONTROLS = (
    "a[href], button, summary, input:not([type=hidden]), select, textarea,"
    " [tabindex='0'], label[tabindex]"
)


def _open(browser: Browser, scheme: str = "light", width: int = 1280, height: int = 800) -> Page:
    context = browser.new_context(
        color_scheme="dark" if scheme == "dark" else "light",
        locale="fr-FR",
        viewport={"width": width, "height": height},
        bypass_csp=True,  # the pages' <meta> policy would block the test's own <style> (STILL)
    )
    return context.new_page()


def _pages(site: Path) -> list[str]:
    return [p for p in site_pages(site) if p != EMBED] + ["/404.html"]


def _activity(site: Path) -> str:
    slug = sorted(p.parent.name for p in (site / "activites").glob("*/index.html"))
    pages = [s for s in slug if s not in KINDS or KINDS[s].template != "facette.html"]
    return f"/activites/{pages[0]}/"


# --- 3. The skip link (RGAA 12.7) -------------------------------------------------------


def test_tab_once_reaches_a_visible_skip_link_to_the_content_on_every_page(
    browser: Browser, sample_site: Path, site_url: str
) -> None:
    page = _open(browser)
    page.add_init_script(STILL)
    problems = []
    pages = _pages(sample_site)
    assert len(pages) > 50
    for path in pages:
        page.goto(site_url + path)
        if path == "/recherche/":  # with no query, its script puts the cursor in its field
            assert page.evaluate("document.activeElement.closest('#contenu form') !== null")
            continue
        page.keyboard.press("Tab")
        found = page.evaluate(
            """() => {
              const a = document.activeElement;
              const r = a.getBoundingClientRect();
              const target = document.getElementById((a.getAttribute("href") || "#").slice(1));
              return {
                text: a.textContent.trim(), href: a.getAttribute("href"),
                shown: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0
                  && r.bottom <= innerHeight && getComputedStyle(a).opacity === "1",
                target: target ? target.tagName + "#" + target.id + ":" + target.tabIndex : null,
              };
            }"""
        )
        expected = {
            "text": "Aller au contenu",
            "href": "#contenu",
            "shown": True,
            "target": "MAIN#contenu:-1",
        }
        if found != expected:
            problems.append(f"{path} : {found}")
            continue
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        if not page.evaluate("document.getElementById('contenu').contains(document.activeElement)"):
            problems.append(f"{path} : après le lien d’évitement, Tab ne mène pas dans le contenu")
    page.context.close()
    assert problems == []


# --- 1. The menu below 1220 px (RGAA 10.7, 7.3, 7.1) -------------------------------------


def _drawer_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(
        """() => {
          const links = [...document.querySelectorAll('#pc-navigation a')];
          return {
            visible: links.filter((a) => getComputedStyle(a).visibility === 'visible').length,
            links: links.length,
            inDrawer: document.activeElement.closest('.md-sidebar--primary') !== null,
          };
        }"""
    )
    return state


@pytest.mark.parametrize("width", [1024, 320])
def test_the_menu_opens_and_closes_by_keyboard_and_is_out_of_the_tab_order_when_closed(
    browser: Browser, site_url: str, width: int
) -> None:
    page = _open(browser, width=width, height=700)
    page.add_init_script(STILL)
    page.goto(site_url + "/mentions-legales/")
    # Closed: a whole Tab round never enters the drawer, and reaches the menu button.
    seen = []
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate(
            "[document.activeElement.closest('.md-sidebar--primary') !== null,"
            " document.activeElement.matches('[data-pc-menu]'),"
            " document.activeElement === document.body]"
        )
        seen.append(info)
        if info[2]:
            break
    assert not any(inside for inside, _, _ in seen), "un lien du menu fermé reçoit le focus"
    assert any(menu for _, menu, _ in seen), "le bouton Menu n’est pas atteint au clavier"
    assert _drawer_state(page)["visible"] == 0

    button = page.locator("[data-pc-menu]")
    assert button.evaluate("b => b.tagName") == "BUTTON"
    assert button.get_attribute("type") == "button"
    assert page.get_by_role("button", name="Menu", exact=True).count() == 1
    assert button.get_attribute("aria-controls") == "pc-navigation"
    assert button.get_attribute("aria-expanded") == "false"

    for key in ["Enter", " "]:
        button.focus()
        page.keyboard.press(key)
        assert button.get_attribute("aria-expanded") == "true", key
        state = _drawer_state(page)
        assert state["visible"] > 5  # the page's own table of contents stays a closed panel
        assert state["inDrawer"], "le focus n’entre pas dans le menu ouvert"
        box = page.locator("#pc-navigation .md-nav__list a").first.bounding_box()
        assert box is not None and box["x"] >= 0
        page.keyboard.press("Tab")
        assert _drawer_state(page)["inDrawer"]
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.matches('[data-pc-menu]')"), (
            "Échap ne rend pas le focus"
        )
        assert _drawer_state(page)["visible"] == 0
    page.context.close()


def test_the_header_search_field_is_not_focusable_while_hidden_on_phones(
    browser: Browser, site_url: str
) -> None:
    page = _open(browser, width=390, height=844)
    page.goto(site_url + "/")
    field = page.locator("#pc-entete-q")
    assert not field.is_visible()
    for _ in range(8):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") != "pc-entete-q"
    page.get_by_role("button", name="Lancer la recherche").click()
    page.wait_for_url("**/recherche/**")
    page.context.close()
    wide = _open(browser, width=1280)
    wide.goto(site_url + "/")
    assert wide.locator("#pc-entete-q").is_visible()
    wide.context.close()


# --- 5. Reflow at 320 px (RGAA 10.11) ------------------------------------------------------


def test_no_page_is_wider_than_a_320_px_screen(
    browser: Browser, sample_site: Path, site_url: str
) -> None:
    page = _open(browser, width=320, height=640)
    wide = []
    for path in _pages(sample_site):
        page.goto(site_url + path)
        width = page.evaluate(
            "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        )
        if width > 320:
            wide.append(f"{path} : {width} px")
    page.context.close()
    assert wide == []


# --- WCAG 1.4.12 text spacing (RGAA 10.12) -------------------------------------------------

TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)


@pytest.mark.parametrize("width", [1280, 390])
def test_text_spacing_override_clips_nothing(
    browser: Browser, sample_site: Path, site_url: str, width: int
) -> None:
    page = _open(browser, width=width, height=800)
    sample = ["/", "/activites/", _activity(sample_site), "/contacts/", "/inclusion/", "/pedt/",
              "/recherche/", "/plan-du-site/", "/404.html"]  # fmt: skip
    clipped = {}
    for path in sample:
        page.goto(site_url + path)
        page.add_style_tag(content=TEXT_SPACING)
        found = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter((el) => {
                const s = getComputedStyle(el);
                const r = el.getBoundingClientRect();
                if (r.width <= 1 || r.height <= 1 || s.visibility !== 'visible') return false;
                if (!el.textContent.trim()) return false;
                const cut = (v) => ['hidden', 'clip'].includes(v);
                return (cut(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
                  || (cut(s.overflowY) && el.scrollHeight > el.clientHeight + 1);
              }).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
                + ` « ${el.textContent.trim().slice(0, 40)} »`)"""
        )
        if found:
            clipped[path] = found
    page.context.close()
    assert clipped == {}


# --- 2 and 6. Contrast of every control in every state, focus rings ---------------------


def _contrast_problems(page: Page, states: list[str]) -> tuple[int, list[str]]:
    """Force each state on every control at once (DevTools protocol) and measure."""
    page.add_style_tag(content=NO_TRANSITIONS)
    page.evaluate(COLOUR_JS)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": CONTROLS})["nodeIds"]
    checked, problems = 0, []
    for state in states:
        forced = {"rest": [], "hover": ["hover"], "active": ["active", "hover"],
                  "focus": ["focus", "focus-visible"]}[state]  # fmt: skip
        for node in nodes:
            cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": forced})
        result = page.evaluate(CHECK_JS, [CONTROLS, state])
        checked += result["checked"]
        problems += result["problems"]
    for node in nodes:
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": []})
    cdp.detach()
    return checked, problems


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_control_keeps_its_contrast_when_hovered_focused_or_pressed_and_its_focus_ring_shows(
    browser: Browser, sample_site: Path, site_url: str, scheme: str
) -> None:
    sample = ["/", "/activites/", "/activites/?age=2&gratuit=1&q=piscine", _activity(sample_site),
              "/contacts/", "/inclusion/", "/recherche/?q=atelier", "/404.html"]  # fmt: skip
    problems: dict[str, list[str]] = {}
    total = 0
    for width in [1280, 390]:
        page = _open(browser, scheme=scheme, width=width)
        for path in sample if width == 1280 else sample[:2]:
            page.goto(site_url + path)
            if path.startswith("/activites/?"):
                page.wait_for_selector("button:text-matches('^Retirer')")
            if path == "/activites/" or path.startswith("/activites/?"):
                page.wait_for_function(FINDER_READY)
            if path.startswith("/recherche/"):
                page.wait_for_selector("#pc-plus:not([hidden])")
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            checked, found = _contrast_problems(page, ["rest", "hover", "active", "focus"])
            total += checked
            if found:
                problems[f"{path} à {width} px"] = sorted(set(found))
        page.context.close()
    assert total > 500
    assert problems == {}


def test_the_named_buttons_are_all_measured(
    browser: Browser, sample_site: Path, site_url: str
) -> None:
    """The buttons the audit named exist where the contrast test looks for them."""
    page = _open(browser)
    page.goto(site_url + "/activites/?age=2&gratuit=1&q=piscine")
    page.wait_for_function(FINDER_READY)
    for name in ["Aucune activité à voir", "Tout effacer"]:
        assert page.get_by_role("button", name=name, exact=True).is_visible()
    assert page.get_by_role("button", name=re.compile("^Retirer le filtre")).first.is_visible()
    assert page.get_by_role("button", name=re.compile("^Retirer")).first.is_visible()
    page.goto(site_url + "/activites/")
    page.wait_for_function(FINDER_READY)
    assert page.get_by_role(
        "button", name=re.compile(r"^Afficher \d+ activités de plus")
    ).is_visible()
    page.goto(site_url + _activity(sample_site))
    assert page.get_by_role("button", name="Copier le lien").is_visible()
    page.goto(site_url + "/recherche/?q=atelier")
    page.wait_for_selector("#pc-plus:not([hidden])")
    assert page.get_by_role("button", name="Afficher plus de résultats").is_visible()
    assert page.get_by_role("button", name="Rechercher", exact=True).is_visible()
    page.context.close()


# --- 4. No single-key shortcut (RGAA 12.10) ---------------------------------------------


def test_single_keys_outside_a_field_do_not_change_page(browser: Browser, site_url: str) -> None:
    page = _open(browser)
    for path in ["/contacts/", "/inclusion/", "/"]:
        page.goto(site_url + path)
        page.locator("h1").click()
        for key in ["n", ".", "p", ","]:
            page.keyboard.press(key)
            page.wait_for_timeout(300)
            assert page.url == site_url + path, f"« {key} » sur {path} mène à {page.url}"
    page.context.close()


# --- 7. The theme button (RGAA 7.1) ------------------------------------------------------


def _scheme(page: Page) -> tuple[str | None, str | None, str]:
    button = page.locator("header [aria-pressed]")
    return (
        button.get_attribute("aria-pressed"),
        page.locator("body").get_attribute("data-md-color-scheme"),
        page.evaluate("getComputedStyle(document.body).backgroundColor"),
    )


def test_the_theme_button_toggles_with_space_and_enter_and_reports_its_state(
    browser: Browser, site_url: str
) -> None:
    page = _open(browser, scheme="light")
    page.goto(site_url + "/contacts/")
    buttons = page.get_by_role("button", name="Thème sombre", exact=True)
    assert buttons.count() == 1
    assert page.locator("header input[type=radio]").count() == 0
    light = _scheme(page)
    assert light[:2] == ("false", "default")
    buttons.focus()
    page.keyboard.press(" ")
    dark = _scheme(page)
    assert dark[:2] == ("true", "slate")
    assert dark[2] != light[2], "la couleur de fond ne change pas"
    page.reload()  # the choice is kept, and shown before the first paint
    assert _scheme(page) == dark
    buttons.focus()
    page.keyboard.press("Enter")
    assert _scheme(page) == light
    page.context.close()

    system_dark = _open(browser, scheme="dark")
    system_dark.goto(site_url + "/")
    assert _scheme(system_dark)[:2] == ("true", "slate")
    system_dark.context.close()


# --- 9. The 404 page (RGAA 8.6, 8.7) -------------------------------------------------------


def test_the_404_page_is_in_french_with_a_search_form_and_the_main_links(
    browser: Browser, site_url: str
) -> None:
    page = _open(browser)
    page.goto(site_url + "/404.html")
    assert page.title() == "Page introuvable – Ville d'Exemple"
    assert page.locator("h1").all_inner_texts() == ["Page introuvable"]
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("[lang]:not(html)").count() == 0
    form = page.locator("main form[role=search]")
    assert form.get_attribute("action") == "/recherche/"
    form.get_by_label("Rechercher sur le site").fill("judo")
    form.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/recherche/?q=judo")
    page.go_back()
    main = page.locator("main")
    for name, href in [("Accueil", "/"), ("Trouver une activité", "/activites/"),
                       ("Contacts", "/contacts/"), ("Plan du site", "/plan-du-site/")]:  # fmt: skip
        link = main.get_by_role("link", name=name, exact=True)
        assert link.evaluate("a => new URL(a.href).pathname") == href
    page.context.close()


# --- 10. The current menu entry (RGAA 3.1) -------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_current_menu_entry_has_aria_current_and_a_cue_beyond_colour(
    browser: Browser, site_url: str, scheme: str
) -> None:
    page = _open(browser, scheme=scheme)
    page.goto(site_url + "/")
    entries = page.locator("#pc-navigation .md-nav__list a").evaluate_all(
        "links => links.map((a) => new URL(a.href).pathname)"
    )
    assert len(entries) > 10
    for path in entries:
        page.goto(site_url + path)
        page.evaluate(COLOUR_JS)
        current = page.locator("#pc-navigation [aria-current=page]")
        assert current.count() == 1, path
        assert current.evaluate("a => new URL(a.href).pathname") == path
        cue = current.evaluate(
            """(a) => {
              const other = [...document.querySelectorAll('#pc-navigation .md-nav__list a')]
                .find((b) => b !== a);
              const s = getComputedStyle(a), o = getComputedStyle(other);
              const {parse, background, ratio} = window.__pc;
              return {
                bold: Number(s.fontWeight) >= 700 && Number(o.fontWeight) < 700,
                underline: s.textDecorationLine.includes('underline')
                  && !o.textDecorationLine.includes('underline'),
                contrast: ratio(parse(s.textDecorationColor), background(a)),
              };
            }"""
        )
        assert cue["bold"] or cue["underline"], path
        assert cue["underline"] and cue["contrast"] >= 3, (path, cue)
    page.context.close()


# --- 11. Decorative icons and the logo (RGAA 1.2, 1.3) ---------------------------------------


def test_inline_icons_are_hidden_from_assistive_technologies_and_the_logo_has_an_empty_alt(
    sample_site: Path,
) -> None:
    pages = sorted(p for p in sample_site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 100
    svgs = logos = 0
    for html_file in pages:
        html = html_file.read_text(encoding="utf-8")
        for svg in re.findall(r"<svg\b[^>]*>", html):
            svgs += 1
            assert 'aria-hidden="true"' in svg and 'focusable="false"' in svg, (html_file, svg)
        for link in re.findall(r'<a [^>]*class="[^"]*md-logo[^"]*"[^>]*>\s*<img [^>]*>', html):
            logos += 1
            assert re.search(r'aria-label="[^"]+"', link), (html_file, link)
            assert re.search(r'<img [^>]*alt=""', link), (html_file, link)
    # Both loops must have found something: a change of Material's markup would empty them.
    assert svgs > len(pages) and logos >= len(pages), (svgs, logos)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_logo_is_legible_on_the_header(browser: Browser, site_url: str, scheme: str) -> None:
    page = _open(browser, scheme=scheme)
    page.goto(site_url + "/")
    page.evaluate(COLOUR_JS)
    plate, header = page.locator("header .md-logo img").evaluate(
        """(img) => {
          const {parse, background, ratio} = window.__pc;
          const own = parse(getComputedStyle(img).backgroundColor);
          return [own, background(img.closest('header'))];
        }"""
    )
    assert plate["a"] == 1, "le logo n’a pas de fond à lui"
    ratio = page.evaluate("([a, b]) => window.__pc.ratio(a, b)", [plate, header])
    assert ratio >= 3, f"fond du logo sur l’en-tête : {ratio:.2f}:1"
    # In an <img>, an SVG's currentColor is black.
    svg = (
        (ROOT / "docs/assets/logo.svg")
        .read_text(encoding="utf-8")
        .replace("currentColor", "#000000")
    )
    colours = set(re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', svg))
    assert colours, "le logo n’a pas de couleur explicite"
    for colour in colours:
        rgb = {
            "r": int(colour[1:3], 16),
            "g": int(colour[3:5], 16),
            "b": int(colour[5:7], 16),
            "a": 1,
        }
        logo = page.evaluate("([a, b]) => window.__pc.ratio(a, b)", [rgb, plate])
        assert logo >= 3, f"logo {colour} sur son fond : {logo:.2f}:1"
    page.context.close()
