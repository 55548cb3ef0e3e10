// The page frame's only script: it runs in the page, requests nothing and reads nothing from outside.
// Streamlit's index.html always says lang="en": set the document's language to the chosen one, and
// keep the sparklines of st.metric (which read out as "x: 0; y: 14630" per point) away from screen
// readers; each metric is followed by a sentence (class sr-only) that says what its sparkline shows.
(() => {
  const apply = () => {
    if (document.documentElement.lang !== window.__frameLang) document.documentElement.lang = window.__frameLang;
    document.querySelectorAll('[data-testid="stMetricChart"]:not([aria-hidden])').forEach((chart) => {
      chart.setAttribute("aria-hidden", "true");
    });
  };
  apply();
  if (!window.__frameObserver) {
    window.__frameObserver = new MutationObserver(apply);
    window.__frameObserver.observe(document.body, { childList: true, subtree: true });
  }
})();
