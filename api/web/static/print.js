// The print button of the certificate register: a file, not an inline
// handler, because the pages' Content-Security-Policy allows only scripts
// served by the service itself.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
