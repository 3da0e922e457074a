// Share box of a Quick Win page (generated/templates/quick_win.html.j2). Without JavaScript the
// WhatsApp link and the address field work on their own; this adds a "copy link" button, and when the
// site was built without its public address (MASTERPLAN_SITE_URL), makes the WhatsApp link from the
// address the reader sees; and it puts today's date into the citation's "Diakses pada …" (without
// JavaScript the citation asks the reader to write it). Nothing is sent anywhere by this script.
(function () {
  "use strict";
  var today = new Date().toLocaleDateString("id-ID", { day: "numeric", month: "long", year: "numeric" });
  document.querySelectorAll("[data-mp-diakses]").forEach(function (accessed) {
    accessed.textContent = "Diakses pada " + today + ".";
  });
  document.querySelectorAll("[data-mp-bagikan]").forEach(function (box) {
    var address = location.href.split("#")[0];
    var field = box.querySelector(".mp-alamat");
    if (field) { address = field.value; }
    var whatsapp = box.querySelector("[data-mp-wa]");
    if (whatsapp && whatsapp.hidden) {
      whatsapp.href = "https://wa.me/?text=" + encodeURIComponent(box.dataset.mpJudul + ": " + address);
      whatsapp.hidden = false;
    }
    var button = box.querySelector("[data-mp-salin]");
    if (!button || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(address).then(function () {
        button.textContent = "Tautan disalin";
      }, function () {
        button.textContent = "Gagal menyalin; salin dari bilah alamat";
      });
    });
  });
})();
