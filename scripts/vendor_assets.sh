#!/bin/sh
# Copies the front-end assets installed by npm into the static files, so that no
# page ever loads a script, a style sheet or a font from a third-party host.
set -eu
src=node_modules
dst=rete/static/vendor
rm -rf "$dst"
mkdir -p "$dst/bootstrap-italia" "$dst/htmx" "$dst/leaflet" "$dst/chartjs" "$dst/axe-core"
cp -R "$src/bootstrap-italia/dist/css" "$src/bootstrap-italia/dist/js" \
      "$src/bootstrap-italia/dist/fonts" "$src/bootstrap-italia/dist/svg" "$dst/bootstrap-italia/"
cp "$src/htmx.org/dist/htmx.min.js" "$dst/htmx/"
cp "$src/leaflet/dist/leaflet.js" "$src/leaflet/dist/leaflet.css" "$dst/leaflet/"
cp -R "$src/leaflet/dist/images" "$dst/leaflet/"
cp "$src/chart.js/dist/chart.umd.min.js" "$dst/chartjs/"
cp "$src/axe-core/axe.min.js" "$dst/axe-core/"
for pkg in bootstrap-italia htmx.org leaflet chart.js axe-core; do
  node -e "const p=require('./$src/$pkg/package.json');console.log(p.name+' '+p.version+' '+(p.license||''))"
done > "$dst/VERSIONS.txt"
# Remove source maps and the comments that point to them: we do not ship them, and a
# reference to a missing file makes `collectstatic` fail under the manifest storage.
find "$dst" -name '*.map' -delete
find "$dst" -name '*.js' -exec sed -i -e 's@^//# sourceMappingURL=.*$@@' {} +
find "$dst" -name '*.css' -exec sed -i -e 's@/\*# sourceMappingURL=[^*]*\*/@@' {} +
