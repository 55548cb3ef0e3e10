// The page frame's only script: it runs in the page, requests nothing and reads nothing from outside.
// Streamlit's index.html always says lang="en": set the document's language to the chosen one.
(() => {
  const apply = () => {
    if (document.documentElement.lang !== window.__frameLang) document.documentElement.lang = window.__frameLang;
  };
  apply();
  if (!window.__frameObserver) {
    window.__frameObserver = new MutationObserver(apply);
    window.__frameObserver.observe(document.body, { childList: true, subtree: true });
  }
})();
