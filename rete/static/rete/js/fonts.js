// Bootstrap Italia loads its fonts from this path: our own static files, never a CDN.
window.__PUBLIC_PATH__ = document.currentScript.dataset.fonts;
// Video.js, inside Bootstrap Italia's bundle, would add a <style> element of its own on
// every page: the Content-Security-Policy of the signed-in screens (style-src 'self')
// refuses it. Its defaults are in bootstrap-italia.min.css already.
window.VIDEOJS_NO_DYNAMIC_STYLE = true;
