/*
 * Comparison tables of regions (national page, province pages): progressive enhancement.
 * Without JavaScript the table is complete and readable. With it, each column header becomes a
 * button that sorts the rows (aria-sort tells screen readers the order): numbers largest first on
 * the first press, names A to Z, and rows without a value ("–") always last. A text box above the
 * table filters the rows by region or province name; a polite live region, shown under the box,
 * says how many rows are shown. Numeric cells carry their raw value in data-nilai (-1: no value),
 * or their text is a plain integer.
 */
(function () {
  "use strict";

  function value(cell, numeric) {
    if (!numeric) { return cell.textContent.trim().toLocaleLowerCase("id"); }
    var raw = cell.hasAttribute("data-nilai") ? cell.getAttribute("data-nilai") : cell.textContent.trim();
    var n = parseFloat(raw);
    return isNaN(n) ? -1 : n;
  }

  function enhance(box, index) {
    var table = box.querySelector("table");
    var body = table && table.tBodies[0];
    if (!body) { return; }
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var byProvince = headers.length > 1 && headers[1].textContent.trim() === "Provinsi";
    var rows = Array.prototype.slice.call(body.rows);
    var status = document.createElement("p");
    status.className = "mp-saring-hasil";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    var label = document.createElement("label");
    var id = "mp-saring-" + index;
    label.setAttribute("for", id);
    label.textContent = byProvince ? "Saring menurut nama wilayah atau provinsi" : "Saring menurut nama wilayah";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "mp-saring";
    input.setAttribute("autocomplete", "off");
    var form = document.createElement("div");
    form.className = "mp-saring-kotak";
    form.appendChild(label);
    form.appendChild(input);
    box.parentNode.insertBefore(form, box);
    box.parentNode.insertBefore(status, box);

    input.addEventListener("input", function () {
      var query = input.value.trim().toLocaleLowerCase("id");
      var shown = 0;
      rows.forEach(function (row) {
        var names = row.cells[0].textContent + " " + (byProvince ? row.cells[1].textContent : "");
        var match = !query || names.toLocaleLowerCase("id").indexOf(query) !== -1;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = shown + " dari " + rows.length + " wilayah ditampilkan";
    });

    headers.forEach(function (th, column) {
      var numeric = th.hasAttribute("data-angka");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "mp-urut";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        var ascending = current ? current !== "ascending" : !numeric;
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = rows.map(function (row, i) { return [value(row.cells[column], numeric), i, row]; });
        keyed.sort(function (a, b) {
          var noneA = numeric && a[0] < 0, noneB = numeric && b[0] < 0;
          if (noneA !== noneB) { return noneA ? 1 : -1; }
          if (a[0] < b[0]) { return ascending ? -1 : 1; }
          if (a[0] > b[0]) { return ascending ? 1 : -1; }
          return a[1] - b[1];
        });
        keyed.forEach(function (entry) { body.appendChild(entry[2]); });
        status.textContent = "Diurutkan menurut " + button.textContent + ", " +
          (ascending ? "dari kecil ke besar" : "dari besar ke kecil");
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-mp-banding]"), enhance);
})();
