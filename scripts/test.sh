#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests use when it is missing: Debian's oathtool (an
# independent RFC 6238 implementation the TOTP tests compare against) and Node.js/npm (MaxMind's own
# reader, @maxmind/geoip2-node, which the GeoIP tests compare against) and Chromium (the browser the
# WebAuthn tests drive through Playwright, never `playwright install`) and python3-aiosmtpd (the real
# SMTP server the e-mail tests send through); fetches the GeoLite2 files.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v oathtool >/dev/null 2>&1 || packages+=(oathtool)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
[ -x /usr/bin/chromium ] || packages+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || packages+=(python3-aiosmtpd)
if ((${#packages[@]})); then
  echo "Installing Debian packages needed by the tests: ${packages[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

scripts/fetch-geoip.sh
npm ci --prefix tests/geoip-crosscheck --no-audit --no-fund --loglevel=error

dotnet test MfaGateway.sln --configuration Release "$@"
