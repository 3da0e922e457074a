/* Keyboard access to wide tables and the phone menu button; loaded on every page (cached). */
    (function () {
      function label(wrap) {
        var heading = "";
        for (var el = wrap.previousElementSibling; el; el = el.previousElementSibling) {
          if (/^H[1-6]$/.test(el.tagName)) {
            var h = el.cloneNode(true);
            h.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
            heading = h.textContent.trim();
            break;
          }
        }
        var columns = Array.prototype.map.call(wrap.querySelectorAll("thead th"), function (th) {
          return th.textContent.trim();
        }).filter(Boolean).join(", ");
        return "Tabel" + (columns ? " (" + columns + ")" : "") + (heading ? ": " + heading : "");
      }
      function update() {
        var used = {};
        document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
          if (wrap.scrollWidth > wrap.clientWidth + 1) {
            wrap.classList.add("mp-lebar");
            wrap.setAttribute("tabindex", "0");
            wrap.setAttribute("role", "region");
            var name = label(wrap), n = used[name] = (used[name] || 0) + 1;
            wrap.setAttribute("aria-label", n > 1 ? name + " (" + n + ")" : name);
          } else {
            wrap.classList.remove("mp-lebar");
            wrap.removeAttribute("tabindex");
            wrap.removeAttribute("role");
            wrap.removeAttribute("aria-label");
          }
        });
      }
      /* The menu button of phones and tablets is a <label> for the drawer checkbox: not reachable
          with Tab. Make it focusable and named, like Material's own focusable nav labels; Material
          already clicks a focused label on Enter, and Space is added here. (ARIA allows no
          role="button" on a <label>.) */
      function menuButton() {
        var menu = document.querySelector(".md-header label.md-header__button[for='__drawer']");
        if (!menu || menu.hasAttribute("tabindex")) { return; }
        menu.setAttribute("tabindex", "0");
        /* The name as visually hidden text: aria-label is not allowed on a <label> (axe 4.14). */
        var name = document.createElement("span");
        name.className = "mp-sr";
        name.textContent = "Menu navigasi";
        menu.appendChild(name);
        menu.addEventListener("keydown", function (ev) {
          if (ev.key === " ") { ev.preventDefault(); menu.click(); }
        });
      }
      var timer;
      function later() { clearTimeout(timer); timer = setTimeout(update, 100); }
      if (window.document$) { window.document$.subscribe(function () { menuButton(); setTimeout(update, 0); }); }
      else { window.addEventListener("DOMContentLoaded", function () { menuButton(); update(); }); }
      window.addEventListener("resize", later);
    })();
