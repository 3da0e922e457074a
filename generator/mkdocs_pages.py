"""MkDocs hook (mkdocs.yml ``hooks:``): generated pages whose front matter says ``format: html`` are
passed through as the HTML they already are, instead of being converted by Python-Markdown.

Why: at national scale (8,000+ data-heavy pages) Python-Markdown's conversion was about 80% of the
MkDocs build. The generator knows every heading and link it writes, so it writes the page body as
HTML directly (generator/templates/*.html.j2) and this hook gives MkDocs what its Markdown pass
would have given: the content, the table of contents (from the headings), the anchor ids, and the
links to check. Links are checked here as MkDocs checks Markdown links: a relative link that names
no page or file of the site is a warning (an error with ``--strict``), and a link to an anchor is
handed to MkDocs' own anchor validation. Hand-written pages are Markdown and untouched.

The hook also removes the templates' indentation from every built page (``compact``), lets the
theme render blocks that are the same on every page only once (``mp_once``), and puts the thousands of
small generated files that only need to be served (each Quick Win's JSON, CSV and QR code) into the
site itself instead of through MkDocs' file handling (``on_files``, ``on_post_build``).
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import shutil
import weakref
from pathlib import Path
from types import MethodType
from typing import Any
from urllib.parse import unquote

import jinja2
import material as material_theme  # type: ignore[import-untyped]
from markupsafe import Markup, escape
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta

log = logging.getLogger("mkdocs.masterplan")

HTML_FORMAT = "html"
"""The front-matter value (``format: html``) that marks a page body written as HTML."""

# The generator writes headings as <hN id="..">text<a class="headerlink" ...> (the page title as
# <h1 id="_judul">text</h1>: Material's "skip to content" link goes to the first heading of the table
# of contents), ids and hrefs with double quotes, and escapes text: these patterns read its output,
# not arbitrary HTML.
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)(?:<a class="headerlink"|</h[1-6]>)', re.DOTALL)
# A space, not \s: the generator writes one space before each attribute, and a pattern that starts with
# a literal is searched five times faster (these run over 200 MB of pages at national scale).
_ID = re.compile(r' id="([^"]+)"')
_HREF = re.compile(r' href="([^"]*)"')
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def _toc_tokens(content: str) -> list[dict[str, Any]]:
    """Nested table-of-contents tokens, as Python-Markdown's toc extension gives them."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for level, anchor, name in _HEADING.findall(content):
        token = {"level": int(level), "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


_FILES_BY_URL: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()
"""Per build's file collection (MkDocs' ``Files``), without setting anything on MkDocs' objects."""


def _by_url(files: Any) -> dict[str, Any]:
    """The site's files by their URL ("kota-x/roadmap/", "kota-x/feed.xml", "" for the home page),
    built once per build; the files set aside for copying (``on_files``) included: links to them are good."""
    cached = _FILES_BY_URL.get(files)
    if cached is None:
        every = [*files, *_SET_ASIDE]
        cached = _FILES_BY_URL[files] = {("" if file.url == "./" else file.url): file for file in every}
    return cached


_SET_ASIDE: list[Any] = []
"""The generated files of the current build that the hook, not MkDocs, puts into the site."""
_SERVED_ONLY = re.compile(r"^[^/]+/(?:data/quick-win/[^/]+\.(?:json|csv)|quick-win/[^/]+/kode-qr\.svg)$")
"""Files of every Quick Win (``urls.quick_win_download``, ``urls.quick_win_qr``) that no page embeds and no
theme processes: 5,000-7,500 of them at national scale, where MkDocs' handling of each (a File object,
a copy through its own machinery) cost about 2 s of a 20 s MkDocs build."""


def on_files(files: Any, config: Any) -> Any:
    """Set the Quick Win data files and QR codes aside; ``on_post_build`` puts them into the site."""
    _SET_ASIDE[:] = [file for file in files if _SERVED_ONLY.match(file.src_uri)]
    for file in _SET_ASIDE:
        files.remove(file)
    return files


def _put_into_site(files: list[Any]) -> None:
    """A hard link where the content and the site share a file system (the generator replaces files, never
    rewrites them in place, so the site's copy stays as built), a copy otherwise."""
    made: set[str] = set()
    for file in files:
        folder = os.path.dirname(file.abs_dest_path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(file.abs_src_path, file.abs_dest_path)
        except OSError:
            shutil.copyfile(file.abs_src_path, file.abs_dest_path)


def _render(page: Any, config: Any, files: Any) -> None:
    """Page.render for a page whose body is HTML already."""
    content = page.markdown
    page.content = content
    page.toc = get_toc(_toc_tokens(content))  # type: ignore[arg-type]
    page._title_from_render = None  # the title is in the front matter
    page.present_anchor_ids = set(_ID.findall(content))
    by_url = _by_url(files)
    base = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url) + "/"
    anchors: dict[Any, dict[str, str]] = {}
    for link in dict.fromkeys(_HREF.findall(content)):
        if _EXTERNAL.match(link):
            continue
        target_url, _, anchor = link.partition("#")
        target_url = unquote(target_url.partition("?")[0])
        if target_url:
            resolved = posixpath.normpath(posixpath.join(base, target_url))
            resolved = "" if resolved == "." else resolved
            if target_url.endswith("/") and resolved:
                resolved += "/"
            target = by_url.get(resolved)
            if target is None:
                log.warning(f"Doc file '{page.file.src_uri}' contains a link '{link}', but the target "
                            f"'{resolved or '/'}' is not a page or file of the site.")
                continue
        else:
            target = page.file
        if anchor:
            anchors.setdefault(target, {})[anchor] = link
    page.links_to_anchors = anchors


_PRE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.DOTALL)
_INDENT = re.compile(r"\n[ \t\r\n]+")  # not \s: a no-break space in the data is content


def compact(html: str) -> str:
    """Drop the indentation and blank lines that templates leave (Material's page shell is mostly
    that: ~10% of a page), keeping every line break, so the page renders the same; ``<pre>`` blocks
    keep their whitespace. ~2 KB less for every page a reader on a slow network opens."""
    parts = _PRE.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = _INDENT.sub("\n", parts[i])
    return "".join(parts)


def toc_items(items: Any) -> Markup:
    """The entries of a page's table of contents as Material's partials/toc-item.html writes them (after
    ``compact``), made here: the template, included once per heading, was a sixth of MkDocs' time."""
    parts: list[str] = []

    def add(item: Any) -> None:
        parts.append(f'<li class="md-nav__item">\n<a href="{item.url}" class="md-nav__link">\n'
                     f'<span class="md-ellipsis">\n{item.title}\n</span>\n</a>\n')
        if item.children:
            label = escape(Markup(item.title).striptags())
            parts.append(f'<nav class="md-nav" aria-label="{label}">\n<ul class="md-nav__list">\n')
            for child in item.children:
                add(child)
            parts.append("</ul>\n</nav>\n")
        parts.append("</li>\n")

    for item in items:
        add(item)
    return Markup("".join(parts))


def _words(env: Any, language: str) -> Any:
    """``mp_lang(key)`` for the theme's partials/language.html: Material's word for ``key`` in the site's
    language, else in English, else the key, each looked up once per build."""
    found: dict[str, str] = {}

    def word(key: str) -> str:
        if key not in found:
            own = env.get_template(f"partials/languages/{language}.html").module
            english = env.get_template("partials/languages/en.html").module
            found[key] = str(own.t(key)) or str(english.t(key)) or key
        return found[key]

    return word


def on_env(env: Any, config: Any, files: Any) -> Any:
    """``{% call mp_once("name") %}...{% endcall %}`` in the theme: a block that is the same on every
    page is rendered for the first page and reused for the others (a new cache for every build)."""
    cache: dict[str, Any] = {}

    def once(name: str, caller: Any) -> Any:
        if name not in cache:
            cache[name] = caller()
        return cache[name]

    env.globals["mp_once"] = once
    env.globals["mp_toc_items"] = toc_items
    env.globals["mp_lang"] = _words(env, config.theme["language"])
    # Material's own templates also under "material/", so a partial of ours can wrap Material's.
    material = jinja2.FileSystemLoader(str(Path(material_theme.__file__).parent / "templates"))
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"material": material})])
    return env


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Every page (generated and hand-written) leaves compacted."""
    return compact(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """So do the theme's own pages (404.html)."""
    return compact(output_content) if template_name.endswith(".html") else output_content


# The generator's front matter: one ``key: value`` per line, the value a JSON string (its title and
# description, which YAML reads the same way: a JSON string is a YAML double-quoted scalar) or plain
# words that YAML reads as text (``format: html``, ``robots: noindex, follow``, ``title: Data terbuka``).
# Plain values start with a letter (YAML reads no number or date so) and hold no ':' or '#'.
_FRONT_LINE = re.compile(r'([a-z_]+): ("(?:[^"\\]|\\.)*"|[A-Za-z][A-Za-z0-9/._-]*(?:,? [A-Za-z0-9/._-]+)*)')
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_NOT_TEXT = frozenset({"yes", "no", "true", "false", "on", "off", "null"})
"""Plain words YAML 1.1 reads as booleans or null (as keys too): those lines go to YAML."""


def front_matter(doc: str) -> tuple[str, dict[str, Any]]:
    """``mkdocs.utils.meta.get_data``, the same result, read without YAML when the front matter is the
    generator's (8,000 pages at national scale: PyYAML's constructor was a tenth of reading them)."""
    found = meta.YAML_RE.match(doc)
    if found is None:
        return meta.get_data(doc)
    data: dict[str, Any] = {}
    for line in found.group(1)[:-1].split("\n"):  # not splitlines(): YAML and it differ on what ends a line
        parsed = _FRONT_LINE.fullmatch(line)
        # Only printable text: YAML refuses some characters that JSON allows (and then MkDocs reads no
        # front matter at all).
        if (parsed is None or not line.isprintable() or parsed.group(1) in _NOT_TEXT
                or parsed.group(2).lower() in _NOT_TEXT):
            return meta.get_data(doc)
        key, value = parsed.groups()
        if value.startswith('"'):
            if _SURROGATE.search(value):  # JSON joins an escaped pair into one character; YAML does not
                return meta.get_data(doc)
            try:
                value = json.loads(value)
            except ValueError:  # an escape of YAML's that JSON lacks (\x41, \e, ...)
                return meta.get_data(doc)
        data[key] = value
    return doc[found.end():].lstrip("\n"), data


def _read_source(page: Any, config: Any) -> None:
    """Page.read_source with ``front_matter``."""
    source = config.plugins.on_page_read_source(page=page, config=config)
    if source is None:
        try:
            source = page.file.content_string
        except OSError:
            log.error(f"File not found: {page.file.src_path}")
            raise
        except ValueError:
            log.error(f"Encoding error reading file: {page.file.src_path}")
            raise
    page.markdown, page.meta = front_matter(source)


def on_pre_page(page: Any, config: Any, files: Any) -> Any:
    """Pages read their front matter with ``front_matter``."""
    page.read_source = MethodType(_read_source, page)
    return page


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Give pages marked ``format: html`` the pass-through render."""
    if page.meta.get("format") == HTML_FORMAT:
        page.render = MethodType(_render, page)
    return markdown


def on_post_build(config: Any) -> None:
    """The files set aside go into the site. Without the site's public address, MkDocs' sitemap would
    list bare paths: leave it out."""
    _put_into_site(_SET_ASIDE)
    _SET_ASIDE.clear()
    if not config.site_url:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (Path(config.site_dir) / name).unlink(missing_ok=True)
