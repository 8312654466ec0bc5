// The print button of the printable papers (agreement, receipt): a file of its own, as the pages carry no inline script.
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
});
