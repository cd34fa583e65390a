// The finder's map: a Leaflet map of the listed services that have a public position. It
// only repeats the list (which is complete without it), so it is hidden from assistive
// technology and takes no keyboard focus. Tiles come from the server configured in
// PORTAL_MAP_TILE_URL; marker images from this site. Shelters have no public position and
// are never in the marker data.
(function () {
  "use strict";
  var box = document.getElementById("finder-map");
  if (!box || !window.L) { return; }
  L.Icon.Default.imagePath = box.getAttribute("data-image-path");
  var map = null;
  var layer = null;

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text || "";
    return span.innerHTML;
  }
  function markers() {
    var data = document.getElementById("finder-markers");
    if (!data) { return []; }
    try {
      return JSON.parse(data.textContent).filter(function (marker) {
        return isFinite(marker.lat) && isFinite(marker.lon);
      });
    } catch (e) { return []; }
  }
  function popup(marker) {
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.name;
    return link;
  }
  function draw() {
    var list = markers();
    box.hidden = list.length === 0;
    if (!list.length) { return; }
    if (!map) {
      map = L.map(box, { keyboard: false, zoomControl: false, scrollWheelZoom: false });
      map.attributionControl.setPrefix(false);
      L.tileLayer(box.getAttribute("data-tile-url"), {
        attribution: escapeHtml(box.getAttribute("data-attribution")), maxZoom: 18
      }).addTo(map);
      layer = L.layerGroup().addTo(map);
    }
    layer.clearLayers();
    var bounds = list.map(function (marker) {
      L.marker([marker.lat, marker.lon], { keyboard: false, alt: marker.name, title: marker.name })
        .bindPopup(popup(marker))
        .addTo(layer);
      return [marker.lat, marker.lon];
    });
    map.invalidateSize();
    map.fitBounds(bounds, { maxZoom: 14, padding: [24, 24] });
  }

  draw();
  document.addEventListener("finder:results", draw);
})();
