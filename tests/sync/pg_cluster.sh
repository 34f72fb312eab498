#!/bin/sh
# A throwaway PostgreSQL 15 cluster for the sync tests: `pg_cluster.sh start DIR` creates it in
# DIR (initdb), listening only on a Unix socket in DIR (listen_addresses=''), with a superuser
# bhadmin and two clinic login roles (clinic_a, clinic_b); `pg_cluster.sh stop DIR` stops it and
# removes DIR. PostgreSQL refuses to run as root, and CI runs as root: then the server runs as
# the unprivileged user `nobody` (Debian's base-passwd always has it) through runuser, and DIR
# belongs to it. Any failure to start is a test failure, with the reason.
set -u

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}

fail() {
    echo "pg_cluster: $*" >&2
    exit 1
}

[ -n "$cmd" ] && [ -n "$dir" ] || fail "usage: pg_cluster.sh start|stop DIR"

as_server() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u nobody -- "$@"
    else
        "$@"
    fi
}

case "$cmd" in
start)
    for t in initdb pg_ctl psql; do
        [ -x "$PGBIN/$t" ] || fail "$PGBIN/$t is missing: the PostgreSQL 15 server is not" \
            "installed (tools/install-deps.sh installs postgresql-15)"
    done
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
    fi
    rm -rf "$dir"
    mkdir -p "$dir" || fail "cannot create $dir"
    if [ "$(id -u)" -eq 0 ]; then
        id nobody >/dev/null 2>&1 || fail "there is no user 'nobody' to run the server as"
        chown nobody "$dir" || fail "cannot give $dir to nobody"
    fi
    chmod 700 "$dir"
    # A socket path must fit in 107 bytes.
    [ ${#dir} -lt 90 ] || fail "$dir is too long for a Unix socket path"
    as_server "$PGBIN/initdb" -D "$dir/data" -U bhadmin --auth=trust --no-locale -E UTF8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; fail "initdb failed"; }
    # fsync off: the tests kill clients, never this server, and must not wait on the disk.
    as_server "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -k $dir -c fsync=off -c max_connections=40" start \
        >"$dir/pg_ctl.log" 2>&1 ||
        { cat "$dir/pg_ctl.log" "$dir/server.log" >&2; fail "the server did not start"; }
    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U bhadmin -d postgres \
        -c "CREATE ROLE clinic_a LOGIN; CREATE ROLE clinic_b LOGIN;" ||
        fail "cannot create the clinic roles"
    echo "pg_cluster: PostgreSQL running on socket $dir"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_server "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ||
            fail "could not stop the server in $dir"
    fi
    rm -rf "$dir"
    ;;
*) fail "unknown command '$cmd' (start or stop)" ;;
esac
