// Show or hide a column (gold or one system) in every document.
document.querySelectorAll("input[data-toggle]").forEach(function (box) {
  box.addEventListener("change", function () {
    document.querySelectorAll(".col").forEach(function (col) {
      if (col.dataset.col === box.dataset.toggle) {
        col.classList.toggle("hidden", !box.checked);
      }
    });
  });
});
