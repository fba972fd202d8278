#!/usr/bin/env bash
# Self-test of scripts/pg.sh: starts a throwaway PostgreSQL cluster and checks what the cluster
# test relies on. Prints PASS/FAIL per check and a summary; exit status 1 when any failed.
# Takes a few seconds (two clusters are initialised).
#
#   - pg_stop before any pg_start does nothing and succeeds
#   - pg_start: PG_URL connects (scram-sha-256 over TCP), a wrong password is refused; listens on
#     127.0.0.1 only, socket in PG_DIR, max_connections 300, fsync on, log in PG_DIR/postgres.log;
#     PG_DIR owned by the server's user; the database council is owned by the role council
#   - a table created through PG_URL survives pg_restart (same port), and a committed row
#     survives pg_kill (immediate shutdown) and pg_start_again (crash recovery)
#   - while killed, connections fail; pg_stop twice in a row succeeds
#   - a child process sourcing pg.sh (PG_* in its environment) cannot stop the cluster
#   - a second pg_start gets another port and other passwords
#
# Usage: scripts/pg-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
need_apt postgresql python3 iproute2

work=$(mktemp -d)
# The server's user (postgres, when run as root) must be able to enter the work folder.
chmod 755 "$work"
trap 'pg_stop || true; rm -rf "$work"' EXIT

passed=0
failed=0
check() { # check NAME COMMAND…: PASS when COMMAND succeeds
    local name=$1
    shift
    if "$@" >"$work/check.out" 2>&1; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name: $(tr '\n' ' ' <"$work/check.out" | head -c 300)"
        failed=$((failed + 1))
    fi
}
equals() { # equals EXPECTED ACTUAL
    [ "$1" = "$2" ] || { echo "expected '$1', got '$2'"; return 1; }
}
refused() { ! "$@"; }

check "pg_stop before pg_start is a no-op" pg_stop

start_time=$(date +%s)
if ! pg_start "$work/one"; then
    echo "FAIL pg_start: see above"
    echo "pg-test: 0 passed, 1 failed"
    exit 1
fi
echo "PASS pg_start ($(($(date +%s) - start_time)) s; port $PG_PORT)"
passed=$((passed + 1))

# shellcheck disable=SC2016 # PG_URL is expanded by the inner bash
check "PG_URL has the documented form" \
    bash -c '[[ $PG_URL =~ ^postgresql://council:[0-9a-f]{32}@127\.0\.0\.1:'"$PG_PORT"'/council$ ]]'
check "PG_URL connects as council to council" \
    equals "council council" "$(psql_url "$PG_URL" 'SELECT current_user, current_database()' | tr '|' ' ')"
check "the database council is owned by council" \
    equals council "$(psql_url "$PG_URL" "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'council'")"
check "host connections use scram-sha-256" \
    equals SCRAM-SHA-256 "$(psql_url "$PG_ADMIN_URL" "SELECT left(rolpassword, 13) FROM pg_authid WHERE rolname = 'council'")"
check "a wrong password is refused" \
    refused psql_url "postgresql://council:wrong@127.0.0.1:$PG_PORT/council" 'SELECT 1'
check "listens on 127.0.0.1 only" \
    equals 127.0.0.1 "$(psql_url "$PG_URL" 'SHOW listen_addresses')"
check "nothing listens on the port but 127.0.0.1" \
    bash -c "ss -Hltn 'sport = :$PG_PORT' | awk '{print \$4}' | grep -v '^127\.0\.0\.1:' | { ! grep .; }"
check "the unix socket is in PG_DIR" test -S "$PG_DIR/.s.PGSQL.$PG_PORT"
check "max_connections is 300" equals 300 "$(psql_url "$PG_URL" 'SHOW max_connections')"
check "fsync is on" equals on "$(psql_url "$PG_URL" 'SHOW fsync')"
check "the log is PG_DIR/postgres.log" grep -q 'database system is ready to accept connections' "$PG_DIR/postgres.log"
if [ "$(id -u)" = 0 ]; then
    check "PG_DIR is owned by $PG_OS_USER, not root" equals "$PG_OS_USER" "$(stat -c %U "$PG_DIR")"
    check "the server does not run as root" \
        bash -c "! ps -o user= -p \"\$(head -n 1 '$PG_DATA/postmaster.pid')\" | grep -qx root"
fi

# shellcheck disable=SC2016 # PG_URL is expanded by the child
check "a child process that sources pg.sh does not stop this cluster" \
    bash -c 'source scripts/pg.sh && pg_stop && pg_kill && psql_url "$PG_URL" "SELECT 1"'
check "create a table and a row through PG_URL" \
    psql_url "$PG_URL" 'CREATE TABLE probe (n integer PRIMARY KEY); INSERT INTO probe VALUES (1)'
port_before=$PG_PORT
check "pg_restart" pg_restart
check "same port after pg_restart" equals "$port_before" "$PG_PORT"
check "the row survives pg_restart" equals 1 "$(psql_url "$PG_URL" 'SELECT count(*) FROM probe')"

check "commit a second row" psql_url "$PG_URL" 'INSERT INTO probe VALUES (2)'
check "pg_kill" pg_kill
check "pg_running is false after pg_kill" refused pg_running
check "connections are refused while killed" refused psql_url "$PG_URL" 'SELECT 1'
check "pg_start_again" pg_start_again
check "both committed rows survive the immediate shutdown" \
    equals 2 "$(psql_url "$PG_URL" 'SELECT count(*) FROM probe')"
check "the log shows crash recovery" grep -q 'not properly shut down; automatic recovery in progress' "$PG_LOG"
check "psql_url reads SQL from standard input with -" \
    equals 3 "$(printf 'SELECT 1 + 2;\n' | psql_url "$PG_URL" -)"

check "pg_stop" pg_stop
check "pg_stop again (idempotent)" pg_stop
check "pg_stop leaves PG_DIR in place" test -f "$PG_DATA/PG_VERSION"
check "pg_start refuses a folder that is not empty" refused pg_start "$PG_DIR"

first_url=$PG_URL
check "a second pg_start in a fresh folder" pg_start "$work/two"
check "the second cluster has another port and passwords" refused equals "$first_url" "$PG_URL"
check "the second cluster answers" equals 1 "$(psql_url "$PG_URL" 'SELECT 1')"
check "pg_stop the second cluster" pg_stop

echo "pg-test: $passed passed, $failed failed"
((failed == 0))
