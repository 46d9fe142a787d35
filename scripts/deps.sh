#!/usr/bin/env bash
# scripts/deps.sh: install the Debian packages the test suite needs.
#
# Idempotent and quiet: it checks what is already present (commands on PATH,
# dpkg status) and only calls apt-get when something is missing. Running it
# twice is a no-op the second time.
#
#   chromium            browser tests (CONVENE_CHROMIUM)
#   fonts-wqy-microhei  CJK glyphs for browser screenshots
#   libxml2-utils       xmllint, export validation
#   nginx, wrk          benchmarks
#   gcc, libc6-dev      cgo, needed by go test -race
#   postgresql-client   psql / pg_isready, used by scripts/pg.sh
#   postgresql          server, only when no server answers on 127.0.0.1:5432
#                       and no initdb is installed
set -euo pipefail

# nginx, pg tools etc. live in sbin or versioned dirs; make sure we look there.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
have_initdb() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }

pg_answers() {
	local port="${CONVENE_PG_PROBE_PORT:-5432}"
	if have_cmd pg_isready; then
		pg_isready -q -h 127.0.0.1 -p "$port" -t 3 >/dev/null 2>&1
	else
		# No client yet: a bare TCP probe is good enough to decide.
		timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" >/dev/null 2>&1
	fi
}

missing=()
have_cmd chromium || missing+=(chromium)
have_pkg fonts-wqy-microhei || missing+=(fonts-wqy-microhei)
have_cmd xmllint || missing+=(libxml2-utils)
have_cmd nginx || missing+=(nginx)
have_cmd wrk || missing+=(wrk)
have_cmd gcc || missing+=(gcc libc6-dev)
if ! have_cmd psql || ! have_cmd pg_isready; then
	missing+=(postgresql-client)
fi
if ! pg_answers && ! have_initdb; then
	missing+=(postgresql)
fi

if ((${#missing[@]} == 0)); then
	exit 0
fi

if ! have_cmd apt-get; then
	echo "deps.sh: missing ${missing[*]} and apt-get is not available" >&2
	exit 1
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
	if have_cmd sudo && sudo -n true 2>/dev/null; then
		SUDO=(sudo -n)
	else
		echo "deps.sh: missing ${missing[*]}; run as root (or with passwordless sudo) to install" >&2
		exit 1
	fi
fi

echo "deps.sh: installing ${missing[*]}"
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
apt_opts=(-q -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300)
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update >/dev/null
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends \
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	"${missing[@]}"
echo "deps.sh: installed ${missing[*]} in $((SECONDS - start))s"
