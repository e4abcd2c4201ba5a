#!/usr/bin/env bash
# Python tools of the test suites, from PyPI into a virtualenv under .cache/ (git-ignored): today
# schemathesis, the OpenAPI fuzzer of the fault suite (tests/faults/fuzz.fault-spec.ts). Installs
# once per version of tests/faults/python-requirements.txt; later runs reuse it. Prints the
# virtualenv's bin folder.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=tests/faults/python-requirements.txt
stamp=$(sha256sum "$requirements" | cut -c1-16)
venv=.cache/python-tools/$stamp

if [ ! -f "$venv/complete" ]; then
  command -v python3 >/dev/null 2>&1 || { echo "python3 (3.9 or newer) is required for the fuzz suite" >&2; exit 1; }
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  date -u +%FT%TZ >"$venv/complete"
fi
echo "$PWD/$venv/bin"
