#!/usr/bin/env bash
# Runs the whole test suite. Installs the Debian packages the tests use when they are missing
# (oathtool: an independent RFC 6238 implementation the TOTP tests compare against).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v oathtool >/dev/null 2>&1 || packages+=(oathtool)
if ((${#packages[@]})); then
  echo "Installing Debian packages needed by the tests: ${packages[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

dotnet test MfaGateway.sln --configuration Release "$@"
