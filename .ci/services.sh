#!/usr/bin/env bash
# Install and start PostgreSQL and headless Chromium for the tests (Debian, as root).
# Writes the connection URL to .ci/pg_url for the test suite (NEWSWIRE_TEST_PG_URL).
set -uo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || echo "ci: apt-get install ${need[*]} failed"
fi
if command -v pg_lsclusters >/dev/null 2>&1; then
  ver=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $1}')
  name=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $2}')
  if [ -n "${ver:-}" ]; then
    pg_ctlcluster "$ver" "$name" start 2>/dev/null || true
    port=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1{print $3}')
    for _ in $(seq 1 30); do
      su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
      sleep 1
    done
    su postgres -c "psql -qc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='newswire') THEN CREATE ROLE newswire LOGIN SUPERUSER PASSWORD 'newswire'; END IF; END \\\$\\\$;\"" >/dev/null 2>&1 || true
    su postgres -c "createdb -O newswire newswire_test" >/dev/null 2>&1 || true
    url="postgresql+psycopg://newswire:newswire@127.0.0.1:${port:-5432}/newswire_test"
    # write the URL only when the server really answers as newswire; a stale file would make
    # the PostgreSQL tests fail instead of skip
    if PGPASSWORD=newswire psql -h 127.0.0.1 -p "${port:-5432}" -U newswire -d newswire_test -qtAc 'select 1' >/dev/null 2>&1; then
      echo "$url" > .ci/pg_url
    else
      rm -f .ci/pg_url
      echo "ci: PostgreSQL did not answer; its tests will be skipped"
    fi
  fi
fi
