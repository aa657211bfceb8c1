// Keep the reader's section when switching language: both languages share their heading ids
// (## 스냅샷과 재해 복구 { #snapshots }), so /redshift/#snapshots maps to /en/redshift/#snapshots.
document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest("a.md-select__link[hreflang]");
    if (link && window.location.hash) link.hash = window.location.hash;
  },
  true,
);
