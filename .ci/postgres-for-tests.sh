#!/usr/bin/env bash
# Starts the machine's PostgreSQL (Debian's `postgresql` package) for the hub's tests and prints the URL of
# a throwaway test database on stdout; progress goes to stderr. Idempotent: a running cluster, the role and
# the database are reused. The role's password is new on every run, so no password lives in the repository.
set -euo pipefail

for program in pg_lsclusters pg_ctlcluster pg_isready psql su node; do
  command -v "$program" >/dev/null || { echo "CI: $program is missing (Debian package postgresql)" >&2; exit 1; }
done

cluster="$(pg_lsclusters --no-header | awk 'NR == 1 { print $1, $2, $3, $4 }')"
if [ -z "$cluster" ]; then
  version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
  echo "CI: creating PostgreSQL $version cluster main" >&2
  pg_createcluster "$version" main >&2
  cluster="$(pg_lsclusters --no-header | awk 'NR == 1 { print $1, $2, $3, $4 }')"
fi
read -r version name port status <<<"$cluster"
if [ "$status" != "online" ]; then
  echo "CI: starting PostgreSQL $version/$name on port $port" >&2
  pg_ctlcluster "$version" "$name" start >&2
fi

for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "CI: PostgreSQL on port $port does not accept connections" >&2; exit 1; }

password="$(node -e "process.stdout.write(require('node:crypto').randomBytes(18).toString('hex'))")"
# The password goes to psql on stdin, never on a command line (visible to every user in `ps`).
su postgres -c "psql -q -v ON_ERROR_STOP=1 -p $port -d postgres" >&2 <<SQL
SELECT format('CREATE ROLE mts LOGIN PASSWORD %L', '$password')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mts') \gexec
ALTER ROLE mts LOGIN PASSWORD '$password';
SELECT 'CREATE DATABASE mts_test OWNER mts'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'mts_test') \gexec
SQL

echo "postgres://mts:$password@127.0.0.1:$port/mts_test"
