// Material reads the search box on `keyup` only. Korean typed with an input method, text
// pasted from the context menu, or a phone keyboard can change the box without a keyup, and
// then nothing is searched. Turn every `input` into the keyup Material listens for.
document.addEventListener("input", (event) => {
  const box = event.target;
  if (box instanceof HTMLInputElement && box.matches("[data-md-component='search-query']")) {
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
});
