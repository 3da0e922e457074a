/*
 * The site search: Pagefind (index built by `masterplan build` into site/pagefind/) behind Material's
 * search dialog (its place in the header: partials/search.html), with Material's keyboard use: "/", "s" or "f" opens it,
 * Esc closes it, the arrow keys and Tab move through the results, Enter on the field opens the first.
 *
 * Nothing is downloaded until the reader opens the search: then pagefind.js, its WebAssembly and
 * the few index chunks and fragments that the query needs (a few hundred KB at national scale,
 * where Material's lunr index was tens of MB). Every request stays on this site.
 */
(function () {
  "use strict";

  /* The search's words, in Bahasa Indonesia like the whole site. Here, not in Material's configuration
     that every page carries: only a reader who uses the search needs them. */
  var WORDS = {
    "search": "Cari",
    "search.reset": "Kosongkan",
    "search.result.initializer": "Mempersiapkan pencarian",
    "search.result.placeholder": "Ketik untuk mulai pencarian",
    "search.result.none": "Tidak ada dokumen yang sesuai",
    "search.result.one": "1 dokumen ditemukan",
    "search.result.other": "# dokumen ditemukan",
    "search.result.more.one": "1 lagi di halaman ini",
    "search.result.more.other": "# lagi di halaman ini"
  };
  /* Material's icons (magnify, arrow-left, close), as its search dialog has them. */
  function icon(path) {
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="' + path + '"/></svg>';
  }
  var MAGNIFY = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 " +
    "6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";
  var BACK = "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z";
  var CLOSE = "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z";

  var dialog = document.querySelector("[data-mp-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) { return; }
  /* The dialog's inside is written here, not into every page (1.6 KB each): without JavaScript there
     is no search, and Material's CSS hides the empty dialog and its button. Material's markup and
     classes, so its CSS gives the look; no data-md-component and the form is not named "search", so
     Material's script neither mounts its own search nor downloads a lunr index; the result count is
     a live region; results are reachable with Tab. Fixed text only, no data. */
  dialog.innerHTML =
    '<label class="md-search__overlay" for="__search"></label>' +
    '<div class="md-search__inner" role="search">' +
    '<form class="md-search__form" name="cari">' +
    '<input type="text" class="md-search__input" name="query" aria-label="' + WORDS.search + '" placeholder="' +
    WORDS.search + '" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" ' +
    'enterkeyhint="search" data-mp-search-query required>' +
    '<label class="md-search__icon md-icon" for="__search">' + icon(MAGNIFY) + icon(BACK) + '</label>' +
    '<nav class="md-search__options" aria-label="' + WORDS.search + '">' +
    '<button type="reset" class="md-search__icon md-icon" title="' + WORDS["search.reset"] + '" aria-label="' +
    WORDS["search.reset"] + '" tabindex="-1">' + icon(CLOSE) + '</button>' +
    '</nav></form>' +
    '<div class="md-search__output"><div class="md-search__scrollwrap" data-md-scrollfix>' +
    '<div class="md-search-result" data-mp-search-result>' +
    '<div class="md-search-result__meta" aria-live="polite">' + WORDS["search.result.initializer"] + '</div>' +
    '<ol class="md-search-result__list" hidden></ol>' +
    '</div></div></div></div>';
  var input = dialog.querySelector("[data-mp-search-query]");
  var form = input.form;
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var scrollwrap = dialog.querySelector(".md-search__scrollwrap");
  var button = document.querySelector(".md-header__button[for='__search']");

  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  function t(key, n) {
    var text = WORDS[key] || "";
    return n === undefined ? text : text.replace("#", String(n));
  }

  var PAGE = 10;          // results rendered at once, like Material
  var SECTIONS = 2;       // matching sections shown under a page; the rest behind "n lagi di halaman ini"
  var engine = null;      // the promise of the Pagefind module
  var failed = false;
  var generation = 0;     // each query's number; a slower older query never overwrites a newer one
  var results = [];
  var shown = 0;
  var previousFocus = null;

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        /* No web worker: it would add pagefind-worker.js (40 KB) to the first query, and a query on
           this site takes milliseconds on the main thread. */
        return pagefind.options({ excerptLength: 20, noWorker: true }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
      engine.then(function () {
        if (!input.value.trim()) { meta.textContent = t("search.result.placeholder"); }
      }, function () {
        failed = true;
        meta.textContent = "Pencarian tidak tersedia saat ini.";
      });
    }
    return engine;
  }

  /* Open and close: Material's CSS and its scroll lock follow the __search checkbox. */
  function isOpen() { return toggle.checked; }
  function setOpen(open) {
    if (toggle.checked !== open) { toggle.click(); }
  }
  function openSearch() {
    var active = document.activeElement;
    if (active && active !== document.body && !dialog.contains(active)) { previousFocus = active; }
    setOpen(true);
    input.focus();
    input.select();
  }
  /* Esc: the focus goes back where it was before the search opened, else to the header's search
     button where it shows (phones), else nowhere (the next Tab continues after the search). */
  function closeSearch() {
    setOpen(false);
    var back = previousFocus && document.contains(previousFocus) ? previousFocus
      : button && button.offsetParent !== null ? button : null;
    previousFocus = null;
    if (back) { back.focus(); }
    else if (dialog.contains(document.activeElement)) { document.activeElement.blur(); }
  }

  toggle.addEventListener("change", function () {
    list.hidden = !toggle.checked;
    if (toggle.checked) {
      load();
      if (document.activeElement !== input) { input.focus(); }
    }
  });
  input.addEventListener("focus", function () { setOpen(true); load(); });

  /* The header button (phones and tablets): reachable with Tab and named, like the menu button;
     Material clicks a focused label on Enter, Space is added here. */
  if (button) {
    button.setAttribute("tabindex", "0");
    /* Named by visually hidden text: aria-label is not allowed on a <label> (axe 4.14). */
    var name = document.createElement("span");
    name.className = "mp-sr";
    name.textContent = dialog.getAttribute("aria-label") || "Cari";
    button.appendChild(name);
    button.addEventListener("click", function () {
      var active = document.activeElement;
      if (active && !dialog.contains(active)) { previousFocus = active; }
    });
    button.addEventListener("keydown", function (ev) {
      if (ev.key === " ") { ev.preventDefault(); button.click(); }
    });
  }

  /* Focus that leaves the dialog for another element (Tab past the last result, Shift+Tab from the
     field) closes it, so the keyboard never works behind an open search. A click on the overlay
     moves focus nowhere and is handled by the overlay's label. */
  dialog.addEventListener("focusout", function (ev) {
    var next = ev.relatedTarget;
    if (isOpen() && next && !dialog.contains(next)) {
      previousFocus = null;
      setOpen(false);
    }
  });
  /* Following a result closes the search (the page may be the same one, with another anchor). */
  dialog.addEventListener("click", function (ev) {
    if (ev.target instanceof Element && ev.target.closest(".md-search-result a")) { setOpen(false); }
  });

  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { input.focus(); search(); }, 0);
  });
  input.addEventListener("input", search);

  function search() {
    var query = input.value.trim();
    var mine = ++generation;
    if (!query) {
      results = [];
      list.innerHTML = "";
      if (!failed) { meta.textContent = engine ? t("search.result.placeholder") : t("search.result.initializer"); }
      return;
    }
    /* Wait for a pause in typing. Not Pagefind's debouncedSearch: it fetches the index chunks of
       every prefix typed on the way ("m", "me", "mem"...), which doubled a first query's download. */
    new Promise(function (done) { setTimeout(done, 250); }).then(function () {
      if (mine !== generation) { return null; }
      return load().then(function (pagefind) { return pagefind.search(query); });
    }).then(function (found) {
      if (!found || mine !== generation) { return; }  // superseded by a newer query
      results = found.results;
      shown = 0;
      list.innerHTML = "";
      meta.textContent = results.length === 0 ? t("search.result.none") : results.length === 1
        ? t("search.result.one") : t("search.result.other", results.length.toLocaleString("id-ID"));
      return more(mine);
    }).catch(function () {
      if (mine === generation) { meta.textContent = "Pencarian tidak tersedia saat ini."; }
    });
  }

  /* Render the next results: the first ten at once, then more whenever the end of the list shows. */
  var loading = -1;       // the query whose next results are being fetched
  function more(mine) {
    if (loading === mine || mine !== generation || shown >= results.length) { return Promise.resolve(); }
    loading = mine;
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (loading === mine) { loading = -1; }
      if (mine !== generation) { return; }
      pages.forEach(function (page) { list.appendChild(item(page)); });
      if (scrollwrap.scrollHeight <= scrollwrap.clientHeight + 16) { return more(mine); }
    }, function (err) { if (loading === mine) { loading = -1; } throw err; });
  }
  scrollwrap.addEventListener("scroll", function () {
    if (scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 16) { more(generation); }
  }, { passive: true });

  /* Pagefind's excerpts are the page's text, HTML-escaped, with <mark> around the matched words.
     Parsed inert (a template runs nothing) and rebuilt from text and <mark> only. */
  function excerpt(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html;
    var p = document.createElement("p");
    parsed.content.childNodes.forEach(function (node) {
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

  function link(url, heading, level, text) {
    var a = document.createElement("a");
    a.href = url;
    a.className = "md-search-result__link";
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (level === 1) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    var h = document.createElement(level === 1 ? "h1" : "h2");
    h.textContent = heading;
    article.appendChild(h);
    if (text) { article.appendChild(excerpt(text)); }
    a.appendChild(article);
    return a;
  }

  /* One page, in Material's result markup: the page (with the excerpt of its top, when that matched),
     then its best matching sections, the others behind "n lagi di halaman ini". */
  function item(page) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var title = (page.meta && page.meta.title) || page.url;
    var top = null;
    var sections = [];
    (page.sub_results || []).forEach(function (s) {
      var isTop = s.url === page.url || !s.anchor || s.anchor.element === "h1";
      if (isTop) { top = top || s; } else if (s.title) { sections.push(s); }
    });
    var pageText = top ? top.excerpt : (sections.length ? "" : page.excerpt);
    li.appendChild(link(page.url, title, 1, pageText));
    sections.slice(0, SECTIONS).forEach(function (s) { li.appendChild(link(s.url, s.title, 2, s.excerpt)); });
    var rest = sections.slice(SECTIONS);
    if (rest.length) {
      var details = document.createElement("details");
      details.className = "md-search-result__more";
      var summary = document.createElement("summary");
      var label = document.createElement("div");
      label.textContent = rest.length === 1 ? t("search.result.more.one") : t("search.result.more.other", rest.length);
      summary.appendChild(label);
      details.appendChild(summary);
      rest.forEach(function (s) { details.appendChild(link(s.url, s.title, 2, s.excerpt)); });
      li.appendChild(details);
    }
    return li;
  }

  /* Keyboard, as in Material: see the comment at the top. */
  function typing(el) {
    if (!el) { return false; }
    if (el instanceof HTMLInputElement) { return el.type !== "radio"; }
    return el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement || el.isContentEditable;
  }
  function stops() {
    return [input].concat(Array.prototype.slice.call(
      list.querySelectorAll(":not(details) > a[href], summary, details[open] a[href]")));
  }
  window.addEventListener("keydown", function (ev) {
    if (ev.metaKey || ev.ctrlKey || ev.altKey || ev.isComposing) { return; }
    var active = document.activeElement;
    if (!isOpen()) {
      if ((ev.key === "/" || ev.key === "s" || ev.key === "f") && !typing(active)) {
        ev.preventDefault();
        ev.stopPropagation();
        openSearch();
      }
      return;
    }
    switch (ev.key) {
      case "Escape":
        ev.preventDefault();
        closeSearch();
        break;
      case "Enter":
        if (active === input) {
          ev.preventDefault();
          var first = list.querySelector("a[href]");
          if (first) { first.click(); }
        }
        break;
      case "ArrowUp":
      case "ArrowDown":
        var els = stops();
        var i = els.indexOf(active);
        if (ev.key === "ArrowDown" && i === els.length - 1) { more(generation); }
        var next = els[Math.max(0, (Math.max(0, i) + els.length + (ev.key === "ArrowUp" ? -1 : 1)) % els.length)];
        ev.preventDefault();
        next.focus();
        break;
      case "Tab":
      case "Shift":
        break;
      default:
        /* Any other character goes to the field, as in Material (Space still opens a focused "more"). */
        if (ev.key.length === 1 && ev.key !== " " && active !== input) { input.focus(); }
    }
  }, true);
})();
