// Bootstrap Italia loads its fonts from this path: our own static files, never a CDN.
window.__PUBLIC_PATH__ = document.currentScript.dataset.fonts;
