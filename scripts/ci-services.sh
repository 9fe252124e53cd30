#!/usr/bin/env bash
# Installs what tests/serve.rs and tests/push.rs drive: the Python SPARQL clients
# (SPARQLWrapper, rdflib) and Virtuoso. Idempotent: installs only what is missing.
# Nothing is left running: the tests start their own Virtuoso on free loopback ports
# with a throw-away database, and their own `stancegraph serve`.
set -euo pipefail

need=()
for p in python3-sparqlwrapper python3-rdflib virtuoso-opensource; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "ci-services: installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # Virtuoso's postinst asks for a dba password through debconf: noninteractive keeps the default.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Check that what the tests need is usable; say so clearly if not (the tests then SKIP).
py=/usr/bin/python3; [ -x "$py" ] || py=python3
if "$py" -c 'import SPARQLWrapper, rdflib' 2>/dev/null; then
  echo "ci-services: python SPARQL clients ok ($py)" >&2
else
  echo "ci-services: WARNING: $py cannot import SPARQLWrapper/rdflib; python client tests will SKIP" >&2
fi
if command -v virtuoso-t >/dev/null 2>&1 && [ -f /etc/virtuoso-opensource-7/virtuoso.ini ]; then
  echo "ci-services: virtuoso ok ($(command -v virtuoso-t))" >&2
else
  echo "ci-services: WARNING: virtuoso-t not available; tests/push.rs will SKIP" >&2
fi
