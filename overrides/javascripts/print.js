// Printing (Ctrl+P): open every collapsed question so its answer is on paper, then close
// again afterwards. stylesheets/extra.css does the same with CSS where ::details-content works.
(() => {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll("details:not([open])")];
    for (const details of opened) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
})();
