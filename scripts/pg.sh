# shellcheck shell=bash
# scripts/pg.sh: make a PostgreSQL server available to the test suite.
#
# Source this file, then call pg_ensure. On success CONVENE_TEST_POSTGRES is
# exported (postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable).
#
# Order of attempts:
#   0. CONVENE_TEST_POSTGRES already set: check it answers and keep it.
#   1. A server on 127.0.0.1:$CONVENE_PG_PROBE_PORT (default 5432) that lets
#      user postgres in without a password.
#   2. The machine's own cluster(s) under /etc/postgresql: start them with
#      pg_ctlcluster and check again (skipped if they were already running).
#   3. A throwaway cluster: initdb (trust auth) into a mktemp directory, run
#      as a non-root user, listening on 127.0.0.1 and a free port from 55432
#      up, unix socket in the temp dir. It is stopped and deleted on exit via
#      an EXIT trap (pg_cleanup); a caller that installs its own EXIT trap
#      must call pg_cleanup from it.
#
# CONVENE_PG_PROBE_PORT exists for testing step 3: point it at a port with
# nothing listening and the existing server is ignored.

_pg_log() { echo "pg.sh: $*" >&2; }

# _pg_answers PORT: true if a server on 127.0.0.1:PORT lets postgres in.
_pg_answers() {
	local port=$1
	pg_isready -q -h 127.0.0.1 -p "$port" -t 5 >/dev/null 2>&1 || return 1
	PGCONNECT_TIMEOUT=5 psql -X -q -w -h 127.0.0.1 -p "$port" -U postgres -d postgres \
		-tAc 'select 1' </dev/null >/dev/null 2>&1
}

_pg_url() { echo "postgres://postgres@127.0.0.1:$1/postgres?sslmode=disable"; }

# _pg_port_free PORT: nothing accepts TCP connections on 127.0.0.1:PORT.
_pg_port_free() {
	! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1
}

_PG_TMP_DIR=""
_PG_TMP_BINDIR=""
_PG_TMP_RUNAS=()

# pg_cleanup: stop and delete the throwaway cluster, if pg_ensure made one.
pg_cleanup() {
	[[ -n $_PG_TMP_DIR ]] || return 0
	local dir=$_PG_TMP_DIR
	_PG_TMP_DIR=""
	if [[ -f $dir/data/postmaster.pid ]]; then
		"${_PG_TMP_RUNAS[@]}" "$_PG_TMP_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop \
			>/dev/null 2>&1 || _pg_log "warning: could not stop throwaway cluster in $dir"
	fi
	rm -rf -- "$dir"
	_pg_log "throwaway cluster removed ($dir)"
}

_pg_start_machine_clusters() {
	[[ -d /etc/postgresql ]] || return 1
	command -v pg_ctlcluster >/dev/null 2>&1 || return 1
	local v started=1
	for v in /etc/postgresql/*/; do
		v=${v%/}
		v=${v##*/}
		[[ -d /etc/postgresql/$v/main ]] || continue
		_pg_log "trying to start machine cluster $v/main"
		# Exit status 2 means "already running": nothing changed, so there is
		# no point in checking again. Anything else is logged.
		local rc=0
		pg_ctlcluster --skip-systemctl-redirect "$v" main start </dev/null >/dev/null 2>&1 || rc=$?
		case $rc in
		0) started=0 ;;
		2) _pg_log "machine cluster $v/main is already running" ;;
		*) _pg_log "pg_ctlcluster $v main start failed (exit $rc)" ;;
		esac
	done
	return "$started"
}

_pg_start_throwaway() {
	local initdb
	initdb=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)
	if [[ -z $initdb ]]; then
		initdb=$(command -v initdb 2>/dev/null || true)
	fi
	if [[ -z $initdb ]]; then
		_pg_log "no initdb found (install the postgresql package: scripts/deps.sh)"
		return 1
	fi
	_PG_TMP_BINDIR=$(dirname "$(readlink -f "$initdb")")

	local dir
	dir=$(mktemp -d "${TMPDIR:-/tmp}/convene-pg.XXXXXX") || return 1
	_PG_TMP_DIR=$dir
	trap pg_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM

	# initdb and postgres refuse to run as root.
	_PG_TMP_RUNAS=()
	if [[ $(id -u) -eq 0 ]]; then
		local user=postgres
		id -u "$user" >/dev/null 2>&1 || user=nobody
		chown "$user" "$dir"
		_PG_TMP_RUNAS=(runuser -u "$user" --)
	fi
	chmod 700 "$dir"

	local port=55432
	while ! _pg_port_free "$port" || [[ -e /tmp/.s.PGSQL.$port ]]; do
		port=$((port + 1))
		if ((port > 55632)); then
			_pg_log "no free port in 55432-55632"
			return 1
		fi
	done

	_pg_log "starting throwaway cluster in $dir on 127.0.0.1:$port ($_PG_TMP_BINDIR)"
	if ! (cd "$dir" && "${_PG_TMP_RUNAS[@]}" "$_PG_TMP_BINDIR/initdb" -D "$dir/data" -U postgres \
		--auth=trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1); then
		_pg_log "initdb failed:"
		cat "$dir/initdb.log" >&2
		return 1
	fi
	cat >>"$dir/data/postgresql.conf" <<-CONF

		# convene throwaway test cluster
		listen_addresses = '127.0.0.1'
		port = $port
		unix_socket_directories = '$dir'
		max_connections = 200
		fsync = off
		synchronous_commit = off
		full_page_writes = off
	CONF
	if ! (cd "$dir" && "${_PG_TMP_RUNAS[@]}" "$_PG_TMP_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" \
		-w -t 60 start >/dev/null 2>&1); then
		_pg_log "throwaway cluster failed to start:"
		cat "$dir/postgres.log" >&2 || true
		return 1
	fi
	if ! _pg_answers "$port"; then
		_pg_log "throwaway cluster started but does not answer on 127.0.0.1:$port"
		cat "$dir/postgres.log" >&2 || true
		return 1
	fi
	export CONVENE_PG_THROWAWAY_DIR=$dir
	export CONVENE_TEST_POSTGRES
	CONVENE_TEST_POSTGRES=$(_pg_url "$port")
	return 0
}

# pg_ensure: export CONVENE_TEST_POSTGRES pointing at a usable server.
pg_ensure() {
	if ! command -v pg_isready >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
		_pg_log "pg_isready/psql not found (install postgresql-client: scripts/deps.sh)"
		return 1
	fi

	if [[ -n ${CONVENE_TEST_POSTGRES:-} ]]; then
		if PGCONNECT_TIMEOUT=5 psql -X -q -w "$CONVENE_TEST_POSTGRES" -tAc 'select 1' \
			</dev/null >/dev/null 2>&1; then
			export CONVENE_TEST_POSTGRES
			_pg_log "using CONVENE_TEST_POSTGRES from the environment"
			return 0
		fi
		_pg_log "CONVENE_TEST_POSTGRES is set but does not answer; looking for another server"
	fi

	local port=${CONVENE_PG_PROBE_PORT:-5432}
	if _pg_answers "$port"; then
		export CONVENE_TEST_POSTGRES
		CONVENE_TEST_POSTGRES=$(_pg_url "$port")
		_pg_log "using server on 127.0.0.1:$port"
		return 0
	fi

	if _pg_start_machine_clusters; then
		for _ in 1 2 3; do
			if _pg_answers "$port"; then
				export CONVENE_TEST_POSTGRES
				CONVENE_TEST_POSTGRES=$(_pg_url "$port")
				_pg_log "using machine cluster on 127.0.0.1:$port"
				return 0
			fi
			sleep 1
		done
		_pg_log "machine cluster is not usable on 127.0.0.1:$port as user postgres without a password"
	fi

	if _pg_start_throwaway; then
		_pg_log "using throwaway cluster: $CONVENE_TEST_POSTGRES"
		return 0
	fi
	pg_cleanup
	return 1
}
