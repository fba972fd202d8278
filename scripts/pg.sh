# shellcheck shell=bash
# Throwaway PostgreSQL clusters for the scripts in this folder. Sourced, not run (like lib.sh,
# which it sources when that is not loaded yet).
#
#   source scripts/pg.sh
#   work=$(mktemp -d)
#   chmod 755 "$work"                       # as root: the postgres user must be able to enter it
#   trap 'pg_stop || true; rm -rf "$work"' EXIT  # cleanup is the caller's: pg_stop removes nothing
#   pg_start "$work/pg"                     # a fresh (missing or empty) folder
#   psql_url "$PG_URL" 'SELECT 1'
#
# Functions:
#   pg_start DIR       installs `postgresql` if missing; initdb in DIR/data (a superuser role
#                      `postgres` with a random password; scram-sha-256 for TCP connections,
#                      peer on the socket), starts the server on 127.0.0.1 only, on a free port,
#                      with its socket in DIR, max_connections=300, fsync on, log DIR/postgres.log;
#                      waits until it accepts connections; creates the role `council` (random
#                      password) owning the database `council`. DIR's parent folders must be
#                      searchable by the `postgres` OS user (chmod 755 on a mktemp -d folder).
#   pg_stop            fast shutdown (sessions are ended, a checkpoint is written); waits for it.
#                      Idempotent: fine when already stopped or never started.
#   pg_restart         pg_stop, then the same cluster again on the same port; waits until ready.
#   pg_kill            immediate shutdown (`pg_ctl stop -m immediate`: no checkpoint, like a
#                      crash; the next start replays the WAL). For crash tests.
#   pg_start_again     starts the stopped or killed cluster again on the same port; waits.
#   pg_wait_ready [S]  waits up to S seconds (default 60) until the server accepts TCP connections.
#   pg_running         status 0 when the cluster's postmaster is running.
#   psql_url URL SQL   runs SQL against URL with psql: no psqlrc, quiet, tuples only, unaligned,
#                      stops at the first error (exit status 1..3). `psql_url URL -` reads the
#                      SQL from standard input (for statements longer than an argument may be).
#
# Exported after pg_start:
#   PG_URL        postgresql://council:PASSWORD@127.0.0.1:PORT/council  (the application's role)
#   PG_ADMIN_URL  postgresql://postgres:PASSWORD@127.0.0.1:PORT/postgres (superuser, for checks)
#   PG_PORT, PG_DIR (the folder given), PG_DATA (DIR/data), PG_LOG (DIR/postgres.log),
#   PG_BIN (server binaries, newest /usr/lib/postgresql/*/bin), PG_OS_USER (who runs the server)
# pg_stop, pg_kill, pg_restart and pg_start_again act only on the cluster that this shell (or a
# subshell of it) started: a child script that sources pg.sh sees PG_URL but cannot stop it.
# Passwords are 32 hex digits from /dev/urandom, new on every pg_start: URL-safe as they are.
#
# PostgreSQL refuses to run as root. As root (CI, these machines) initdb and pg_ctl run through
# `runuser -u postgres --` (or `su`), as the `postgres` system user of the Debian package (created
# here when missing), and DIR is chown'ed to it. As any other user they run as that user.

if ! declare -F need_apt >/dev/null; then
    # shellcheck source=scripts/lib.sh
    source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
fi

# The cluster this shell started (not exported: a child process that sources pg.sh, with the
# PG_* variables in its environment, neither stops nor restarts its parent's cluster).
_PG_STARTED_DIR=${_PG_STARTED_DIR:-}

# _pg_as_user CMD…: runs CMD as the cluster's OS user, from DIR (the caller's working directory
# may be a folder that user cannot enter, e.g. /root, which initdb and psql complain about).
_pg_as_user() {
    if [ "$(id -u)" = 0 ]; then
        if command -v runuser >/dev/null; then
            (cd "$PG_DIR" && runuser -u "$PG_OS_USER" -- "$@")
        else
            local quoted
            quoted=$(printf '%q ' "$@")
            (cd "$PG_DIR" && su -s /bin/sh "$PG_OS_USER" -c "$quoted")
        fi
    else
        (cd "$PG_DIR" && "$@")
    fi
}

_pg_fail() {
    echo "pg.sh: $*" >&2
    if [ -n "${PG_LOG:-}" ] && [ -s "$PG_LOG" ]; then
        echo "pg.sh: last lines of $PG_LOG:" >&2
        tail -n 15 "$PG_LOG" >&2
    fi
    return 1
}

# A free TCP port on 127.0.0.1 (the kernel's choice for port 0; free when this returns).
_pg_free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

_pg_password() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# Newest installed server binaries, e.g. /usr/lib/postgresql/15/bin.
_pg_find_bin() {
    local dir
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] || return 1
    echo "$dir"
}

_pg_ensure_os_user() {
    if [ "$(id -u)" != 0 ]; then
        PG_OS_USER=$(id -un)
        return 0
    fi
    PG_OS_USER=postgres
    if ! id -u postgres >/dev/null 2>&1; then
        echo "pg.sh: creating the system user postgres" >&2
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin postgres || return 1
    fi
}

# Every folder above DIR must be searchable by the server's user, or it cannot reach its data.
_pg_check_reachable() {
    local dir=$1
    [ "$(id -u)" = 0 ] || return 0
    local parent
    parent=$(dirname "$dir")
    while :; do
        if ! runuser -u "$PG_OS_USER" -- test -x "$parent" 2>/dev/null; then
            _pg_fail "$PG_OS_USER cannot reach $dir: $parent is not searchable by it (chmod 755 $parent)"
            return 1
        fi
        [ "$parent" = / ] && break
        parent=$(dirname "$parent")
    done
}

pg_running() {
    [ -n "$_PG_STARTED_DIR" ] && [ -f "$PG_DATA/postmaster.pid" ] || return 1
    _pg_as_user "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1
}

# pg_wait_ready [SECONDS]: until pg_isready answers on the TCP port (bounded: 10 polls a second).
pg_wait_ready() {
    local seconds=${1:-60}
    local i
    for ((i = 0; i < seconds * 10; i++)); do
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 1 && return 0
        sleep 0.1
    done
    _pg_fail "PostgreSQL on 127.0.0.1:$PG_PORT is not ready after ${seconds}s"
}

# Starts the existing cluster in PG_DATA (settings are in its postgresql.conf) and waits.
_pg_ctl_start() {
    if ! _pg_as_user "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s >/dev/null; then
        _pg_fail "pg_ctl start failed (port $PG_PORT)"
        return 1
    fi
    pg_wait_ready 60
}

pg_start() {
    local dir=${1:?usage: pg_start DIR}
    if pg_running 2>/dev/null; then
        _pg_fail "a cluster is already running in $PG_DIR (pg_stop first)"
        return 1
    fi
    need_apt postgresql python3
    PG_BIN=$(_pg_find_bin) || { _pg_fail "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin"; return 1; }
    _pg_ensure_os_user
    mkdir -p "$dir" || return 1
    dir=$(cd "$dir" && pwd -P)
    if [ -n "$(ls -A "$dir")" ]; then
        _pg_fail "$dir is not empty; pg_start wants a fresh folder"
        return 1
    fi
    PG_DIR=$dir
    PG_DATA=$dir/data
    PG_LOG=$dir/postgres.log
    _PG_STARTED_DIR=$dir
    # The server insists on owning its data folder (mode 0700); the socket and log go beside it.
    chmod 700 "$dir"
    if [ "$(id -u)" = 0 ]; then chown "$PG_OS_USER:" "$dir"; fi
    _pg_check_reachable "$dir" || return 1

    local super_password council_password
    super_password=$(_pg_password)
    council_password=$(_pg_password)
    # initdb reads the superuser's password from a file only the server's user can read.
    (umask 077 && printf '%s\n' "$super_password" >"$dir/.pwfile")
    if [ "$(id -u)" = 0 ]; then chown "$PG_OS_USER:" "$dir/.pwfile"; fi
    # --no-sync skips fsyncing initdb's own files (a throwaway cluster; a power cut during the
    # test loses the test anyway). The server itself runs with fsync on, set below.
    if ! _pg_as_user "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$dir/.pwfile" \
        --auth-host=scram-sha-256 --auth-local=peer --encoding=UTF8 --no-locale --no-sync \
        >"$dir/initdb.log" 2>&1; then
        rm -f "$dir/.pwfile"
        cat "$dir/initdb.log" >&2
        _pg_fail "initdb failed"
        return 1
    fi
    rm -f "$dir/.pwfile"

    # The port is free when found but not reserved: another process could take it before the
    # server binds it, so a failed start is retried on a new port (bounded).
    local attempt
    for attempt in 1 2 3; do
        PG_PORT=$(_pg_free_port)
        # Appended settings win over the defaults initdb wrote above them.
        cat >>"$PG_DATA/postgresql.conf" <<CONF

# --- scripts/pg.sh (attempt $attempt) ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$dir'
max_connections = 300
fsync = on
synchronous_commit = on
full_page_writes = on
logging_collector = off
log_destination = 'stderr'
log_line_prefix = '%m [%p] %q%u@%d '
password_encryption = 'scram-sha-256'
CONF
        if _pg_as_user "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s >/dev/null; then
            break
        fi
        if ((attempt == 3)) || ! grep -q 'could not bind\|Address already in use' "$PG_LOG" 2>/dev/null; then
            _pg_fail "pg_ctl start failed"
            return 1
        fi
        echo "pg.sh: port $PG_PORT was taken meanwhile; trying another" >&2
    done
    pg_wait_ready 60 || return 1

    PG_ADMIN_URL="postgresql://postgres:$super_password@127.0.0.1:$PG_PORT/postgres"
    psql_url "$PG_ADMIN_URL" "CREATE ROLE council LOGIN PASSWORD '$council_password'" >/dev/null ||
        { _pg_fail "could not create the role council"; return 1; }
    psql_url "$PG_ADMIN_URL" "CREATE DATABASE council OWNER council" >/dev/null ||
        { _pg_fail "could not create the database council"; return 1; }
    PG_URL="postgresql://council:$council_password@127.0.0.1:$PG_PORT/council"
    psql_url "$PG_URL" 'SELECT 1' >/dev/null || { _pg_fail "cannot connect as council"; return 1; }
    export PG_URL PG_ADMIN_URL PG_PORT PG_DIR PG_DATA PG_LOG PG_BIN PG_OS_USER
    echo "pg.sh: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT, data in $PG_DATA" >&2
}

# _pg_ctl_stop MODE: stops the cluster with pg_ctl's MODE (fast, immediate) when it runs.
_pg_ctl_stop() {
    pg_running || return 0
    if ! _pg_as_user "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m "$1" -w -t 60 -s >/dev/null; then
        # Gone meanwhile is fine; still running is not.
        pg_running || return 0
        _pg_fail "pg_ctl stop -m $1 failed"
        return 1
    fi
}

pg_stop() { _pg_ctl_stop fast; }

pg_kill() { _pg_ctl_stop immediate; }

pg_start_again() {
    if [ -z "$_PG_STARTED_DIR" ] || [ ! -f "$PG_DATA/PG_VERSION" ]; then
        _pg_fail "no cluster to start (pg_start first)"
        return 1
    fi
    if pg_running; then
        pg_wait_ready 60
        return
    fi
    _pg_ctl_start
}

pg_restart() {
    pg_stop && pg_start_again
}

# psql_url URL SQL|-: prints the rows, unaligned (fields joined by |), no header or footer.
psql_url() {
    local url=${1:?usage: psql_url URL SQL}
    local sql=${2:?usage: psql_url URL SQL}
    local psql=psql
    [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/psql" ] && psql=$PG_BIN/psql
    if [ "$sql" = - ]; then
        PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-5} "$psql" "$url" -X -q -t -A -v ON_ERROR_STOP=1 -f -
    else
        PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-5} "$psql" "$url" -X -q -t -A -v ON_ERROR_STOP=1 -c "$sql"
    fi
}
