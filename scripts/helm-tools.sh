#!/usr/bin/env bash
# Builds the two tools of the Helm chart's offline validation (tests/deploy/helm-chart.spec.ts) into
# .cache/tools/ (git-ignored), and reuses them when they are there:
#   - helm, from the Go module proxy (helm.sh/helm/v4, the version below; its go.mod pins every
#     k8s.io module at one release);
#   - stapsteen-k8s-validate, from deploy/helm/validate (k8s.io/api and apimachinery at the same
#     release as helm's), rebuilt when its sources change.
# Needs Go only (.ci/run installs it). Cold: a few minutes on 2 cores; warm: nothing to do.
set -euo pipefail
cd "$(dirname "$0")/.."

HELM_VERSION=v4.3.2
TOOLS="$PWD/.cache/tools"
mkdir -p "$TOOLS"

if [ ! -x "$TOOLS/helm" ] || [ "$(cat "$TOOLS/helm.version" 2>/dev/null)" != "$HELM_VERSION" ]; then
  echo "building helm $HELM_VERSION from the Go module proxy into .cache/tools/ ..." >&2
  rm -f "$TOOLS/helm.version"
  GOBIN="$TOOLS" go install "helm.sh/helm/v4/cmd/helm@$HELM_VERSION"
  echo "$HELM_VERSION" >"$TOOLS/helm.version"
fi

source_hash="$(cd deploy/helm/validate && cat go.mod go.sum ./*.go | sha256sum | cut -d' ' -f1)"
if [ ! -x "$TOOLS/stapsteen-k8s-validate" ] || [ "$(cat "$TOOLS/stapsteen-k8s-validate.sha256" 2>/dev/null)" != "$source_hash" ]; then
  echo "building the chart validator (deploy/helm/validate) into .cache/tools/ ..." >&2
  rm -f "$TOOLS/stapsteen-k8s-validate.sha256"
  (cd deploy/helm/validate && go build -o "$TOOLS/stapsteen-k8s-validate.new" . && mv "$TOOLS/stapsteen-k8s-validate.new" "$TOOLS/stapsteen-k8s-validate")
  echo "$source_hash" >"$TOOLS/stapsteen-k8s-validate.sha256"
fi
