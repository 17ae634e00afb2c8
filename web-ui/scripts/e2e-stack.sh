#!/usr/bin/env bash
# Starts what the browser test needs on this machine, runs `npm run e2e` against it, and stops it all again:
#   - a throw-away PostgreSQL database on 127.0.0.1:5432 (dropped at the end),
#   - Keycloak (org.keycloak:keycloak-quarkus-dist from the local Maven repository) with dev/keycloak/rosterline-realm.json,
#   - the packaged roster-api (roster-api/target/quarkus-app) with the demo districts seeded.
# Keycloak and roster-api get free ports, so this runs beside a developer's own stack; the SPA itself must be on
# port 5173 (the realm's redirect URI), and reaches roster-api through Vite's proxy.
#
# Prerequisites: `./mvnw -q -B -pl roster-api package -DskipTests`, `npm ci` in web-ui, PostgreSQL up, /usr/bin/chromium.
# `scripts/e2e-stack.sh --serve` starts the stack and keeps it up, printing the variables for `npm run e2e`.
# To reuse a stack that is already running instead (scripts/run-local), skip this script and run:
#   E2E_API_URL=http://localhost:8080 E2E_OIDC_AUTHORITY=http://localhost:8180/realms/rosterline npm run e2e
set -euo pipefail

WEB_UI=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(dirname "$WEB_UI")
KC_VERSION=${KEYCLOAK_VERSION:-26.7.3}
KC_ZIP=${KEYCLOAK_ZIP:-$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip}
API_APP=$REPO/roster-api/target/quarkus-app/quarkus-run.jar
REALM=${E2E_REALM_FILE:-$REPO/dev/keycloak/rosterline-realm.json}
WORK=$(mktemp -d -t rosterline-e2e-XXXXXX)
DB=rosterline_e2e_$(date +%s)_$$
PIDS=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { # url name pid seconds
  local deadline=$((SECONDS + $4))
  until curl -fs -o /dev/null "$1"; do
    kill -0 "$3" 2>/dev/null || { echo "✗ $2 stopped while starting; its log:"; tail -40 "$WORK/$2.log"; return 1; }
    ((SECONDS < deadline)) || { echo "✗ $2 was not ready within $4 s; its log:"; tail -40 "$WORK/$2.log"; return 1; }
    sleep 2
  done
}
cleanup() {
  local rc=$?
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill "${PIDS[i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT INT TERM

[[ -f $API_APP ]] || { echo "✗ roster-api is not built: run ./mvnw -q -B -pl roster-api package -DskipTests"; exit 1; }
[[ -f $REALM ]] || { echo "✗ $REALM is missing"; exit 1; }
if [[ ! -f $KC_ZIP ]]; then
  (cd "$REPO" && ./mvnw -q -B dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip -DoutputDirectory="$WORK") 
  KC_ZIP=$WORK/keycloak-quarkus-dist-$KC_VERSION.zip
fi

# Keycloak: unpacked once into the cache (its first start builds itself, ~1 min), a fresh in-memory database each run.
KC_HOME=${XDG_CACHE_HOME:-$HOME/.cache}/rosterline-web-ui-e2e/keycloak-$KC_VERSION
if [[ ! -x $KC_HOME/bin/kc.sh ]]; then
  mkdir -p "$(dirname "$KC_HOME")"
  unzip -q "$KC_ZIP" -d "$WORK/kc-unzip"
  mv "$WORK/kc-unzip/keycloak-$KC_VERSION" "$KC_HOME"
fi
mkdir -p "$KC_HOME/data/import"
cp "$REALM" "$KC_HOME/data/import/rosterline-realm.json"
KC_PORT=${E2E_KEYCLOAK_PORT:-$(free_port)}
echo "→ Keycloak on :$KC_PORT"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "$KC_HOME/bin/kc.sh" start-dev --http-port="$KC_PORT" --db=dev-mem --import-realm --http-management-port="$(free_port)" \
  >"$WORK/keycloak.log" 2>&1 &
PIDS+=($!)
KC_PID=$!

pg_isready -h 127.0.0.1 -q || { echo "✗ PostgreSQL is not answering on 127.0.0.1:5432 (pg_ctlcluster 15 main start)"; exit 1; }
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" >/dev/null

wait_http "http://localhost:$KC_PORT/realms/rosterline/.well-known/openid-configuration" keycloak "$KC_PID" 240

API_PORT=${E2E_API_PORT:-$(free_port)}
echo "→ roster-api on :$API_PORT (database $DB)"
# A fresh encryption key for stored SIS secrets each run (the database is thrown away too); SFTP on a free port.
ROSTERLINE_CREDENTIALS_KEY=$(head -c 32 /dev/urandom | base64) \
java -Xmx384m -XX:TieredStopAtLevel=1 \
  -Drosterline.sftp.port="$(free_port)" \
  -Dquarkus.http.port="$API_PORT" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
  -Dquarkus.oidc.auth-server-url="http://localhost:$KC_PORT/realms/rosterline" \
  -Drosterline.demo.seed=true \
  -jar "$API_APP" >"$WORK/roster-api.log" 2>&1 &
PIDS+=($!)
wait_http "http://localhost:$API_PORT/q/health/ready" roster-api "$!" 180

cd "$WEB_UI"
export E2E_API_URL="http://localhost:$API_PORT" E2E_OIDC_AUTHORITY="http://localhost:$KC_PORT/realms/rosterline"
if [[ ${1:-} == --serve ]]; then
  # Keep the stack up for repeated `npm run e2e` (or `npm run dev`) runs; Ctrl-C stops it.
  echo "Stack ready. In another shell:"
  echo "  E2E_API_URL=$E2E_API_URL E2E_OIDC_AUTHORITY=$E2E_OIDC_AUTHORITY npm run e2e"
  wait "${PIDS[0]}"
else
  npm run --silent e2e
fi
