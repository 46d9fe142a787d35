#!/usr/bin/env bash
# scripts/test.sh: the project's test command (CI runs it via .ci/run).
#
#   ./scripts/test.sh                 full run: deps, gofmt, vet, build, go test ./...
#   ./scripts/test.sh ./internal/x    extra arguments replace ./... in the go test
#                                     step, e.g. -run TestFoo ./internal/store
#
# Environment:
#   CONVENE_ARTIFACTS     where browser tests write screenshots (default ./artifacts)
#   CONVENE_TEST_POSTGRES use this PostgreSQL server instead of finding/starting one
#   CONVENE_SKIP_DEPS=1   do not run scripts/deps.sh (no root on a dev machine)
#   CONVENE_PG_PROBE_PORT port checked for an existing server (default 5432)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Go lives in /usr/local/go on CI and may not be on PATH; sbin for nginx etc.
export PATH="$PATH:/usr/local/go/bin:/usr/local/sbin:/usr/sbin:/sbin"
if [[ -z ${HOME:-} ]]; then
	HOME=$(getent passwd "$(id -u)" | cut -d: -f6)
	export HOME
fi

t0=$SECONDS
_section=""
_section_start=$SECONDS
section() {
	if [[ -n $_section ]]; then
		echo "---- $_section: $((SECONDS - _section_start))s"
	fi
	_section=$*
	_section_start=$SECONDS
	echo
	echo "==== $* ===="
}

section "Dependencies (scripts/deps.sh)"
if [[ ${CONVENE_SKIP_DEPS:-} == 1 ]]; then
	echo "skipped (CONVENE_SKIP_DEPS=1)"
else
	./scripts/deps.sh
fi
go version
echo "gcc: $(gcc -dumpfullversion 2>/dev/null || echo missing)"

section "PostgreSQL"
# shellcheck source=scripts/pg.sh
source ./scripts/pg.sh
pg_ensure
echo "CONVENE_TEST_POSTGRES=$CONVENE_TEST_POSTGRES"

section "Browser and artefacts"
CONVENE_CHROMIUM=$(command -v chromium || true)
if [[ -z $CONVENE_CHROMIUM ]]; then
	echo "chromium not found (run scripts/deps.sh)" >&2
	exit 1
fi
export CONVENE_CHROMIUM
echo "CONVENE_CHROMIUM=$CONVENE_CHROMIUM"
# go test runs each package in its own directory: make the path absolute.
CONVENE_ARTIFACTS=${CONVENE_ARTIFACTS:-$root/artifacts}
mkdir -p "$CONVENE_ARTIFACTS"
CONVENE_ARTIFACTS=$(cd "$CONVENE_ARTIFACTS" && pwd)
export CONVENE_ARTIFACTS
echo "CONVENE_ARTIFACTS=$CONVENE_ARTIFACTS"

section "Shared data (../shared)"
# The tests read benchmark data and export schemas from ../shared, which the
# workspace keeps beside the project. A clone made elsewhere finds it beside
# the repository it was cloned from and links it, rather than failing.
if [[ -d $root/../shared ]]; then
	(cd "$root/../shared" && pwd -P)
else
	origin=$(git -C "$root" config --get remote.origin.url 2>/dev/null || true)
	if [[ -n $origin && -d $origin/../shared ]]; then
		target=$(cd "$origin/../shared" && pwd -P)
		ln -s "$target" "$root/../shared"
		echo "linked ../shared to $target"
	else
		echo "../shared not found: the tests that read it will fail or be skipped" >&2
	fi
fi

section "Go modules"
go mod download

section "gofmt"
go_files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# Tracked files, plus new files not yet added (same set on a clean clone).
	while IFS= read -r -d '' f; do
		[[ -f $f ]] && go_files+=("$f")
	done < <(git ls-files -z --cached --others --exclude-standard -- '*.go')
else
	while IFS= read -r -d '' f; do
		go_files+=("$f")
	done < <(find . -name '*.go' -not -path './vendor/*' -not -path './.git/*' -print0)
fi
if ((${#go_files[@]} > 0)); then
	unformatted=$(gofmt -l "${go_files[@]}")
	if [[ -n $unformatted ]]; then
		echo "These files are not gofmt-formatted (run gofmt -w):" >&2
		echo "$unformatted" >&2
		exit 1
	fi
fi
echo "${#go_files[@]} files ok"

section "go vet"
go vet ./...

section "go build (CGO_ENABLED=0)"
CGO_ENABLED=0 go build ./...

section "go test -race"
if (($# > 0)); then
	pkgs=("$@")
else
	pkgs=(./...)
fi
CGO_ENABLED=1 go test -race -count=1 -timeout 30m "${pkgs[@]}"

section "Done"
echo "all checks passed in $((SECONDS - t0))s; artefacts in $CONVENE_ARTIFACTS"
