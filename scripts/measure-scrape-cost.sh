#!/usr/bin/env bash
# What one scrape of GET /metrics costs at national scale: a private PostgreSQL 15 cluster gets the hub's schema
# (the hub creates it), then N handovers as rows shaped like the hub's (a tenth overdue and escalated, a twentieth
# due and unfired, read-model cells for 24 months x 40 municipalities x 42 pairs x 4 age bands, pending outbox
# rows), and the hub (embedded transport, that database) is scraped with the figures' cache off.
# Prints the p50/p99 of the scrape. Synthetic rows: the figures read only indexed columns and the read model,
# which is what this measures; the sagas' JSON is a stub.
#   scripts/measure-scrape-cost.sh [handovers, default 1000000]
# PG_PORT and HUB_PORT choose the ports (default: free ones).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
bin=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/hub-scrape-cost-XXXXXX)
pgport=${PG_PORT:-}; hubport=${HUB_PORT:-}
[ -n "$pgport" ] || pgport=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
[ -n "$hubport" ] || hubport=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
cleanup() { [ -n "${hub:-}" ] && kill "$hub" 2>/dev/null; as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
as_pg "$bin/initdb" -D "$work/data" -U postgres --auth=trust --no-sync >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -w -o "-p $pgport -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work -c fsync=off" start >/dev/null
psql="psql -h 127.0.0.1 -p $pgport -U postgres -d hub -q -v ON_ERROR_STOP=1"
psql -h 127.0.0.1 -p "$pgport" -U postgres -q -c "CREATE DATABASE hub"

dotnet build src/Hub -c Release -nologo -v quiet >/dev/null
export Hub__Database__Provider=postgres Hub__Database__ConnectionString="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=hub"
export Hub__Access__Operators__0=scrape-cost-operator-key-0123456789 Hub__Telemetry__FiguresMaxAge=00:00:00 Hub__DataDirectory="$work/hub"
export Serilog__MinimumLevel__Default=Warning
start_hub() {
  dotnet src/Hub/bin/Release/net10.0/IntegrationHub.Hub.dll --urls "http://127.0.0.1:$hubport" >"$work/hub.log" 2>&1 &
  hub=$!
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$hubport/health" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "the hub did not start:"; tail -20 "$work/hub.log"; exit 1
}
start_hub; kill "$hub"; wait "$hub" 2>/dev/null || true; hub=   # the schema, at the current migration

echo "seeding $n handovers..."
start=$(date +%s)
$psql <<SQL
INSERT INTO handovers (correlation_id, current_state, version, sender, receiver, urgency, submitted_at, updated_at, next_due_at, due_claimed_at,
                       overdue, open_escalation_level, municipality, closed_at, data)
SELECT md5(i::text)::uuid::text,
       (ARRAY['Delivered','Received','InCare','Closed'])[1 + i % 4], 1, 'agency-' || (i % 7), 'agency-' || (i % 6 + 7), 'regular',
       1700000000000 + i, 1700000000000 + i,
       CASE WHEN i % 20 = 0 THEN 1700000000000 ELSE 4000000000000 + i END,
       9000000000000000, -- leased far ahead: the hub's sweep leaves the stub rows alone, they stay due and unfired
       CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END, CASE WHEN i % 10 = 0 THEN 1 + i % 3 ELSE 0 END, 'gemeente-' || (i % 40), NULL, '{}'
FROM generate_series(1, $n) AS i;
INSERT INTO open_escalations (handover_id, level, deadline_kind, sender, receiver, municipality, overdue_since, raised_at, addressees)
SELECT md5(i::text)::uuid::text, 1 + i % 3, 'receipt', 'agency-1', 'agency-8', 'gemeente-1', 1700000000000, 1700000000000, '[]'
FROM generate_series(1, $n / 10) AS i;
INSERT INTO report_counts (period, municipality, sender, receiver, age_band, submitted, delivered, now_delivered, now_receipt_confirmed)
SELECT to_char(DATE '2025-01-01' + (m || ' month')::interval, 'YYYY-MM'), 'gemeente-' || g, 'agency-' || s, 'agency-' || (r + 7), 'band-' || b,
       $n / 80640 + 1, $n / 80640 + 1, $n / 161280, $n / 161280
FROM generate_series(0, 23) m, generate_series(0, 39) g, generate_series(0, 6) s, generate_series(0, 5) r, generate_series(0, 3) b;
INSERT INTO outbox (message_id, destination, message_type, body, created_at, dispatched_at)
SELECT gen_random_uuid()::text, 'agency:agency-1', 'AgencyMail', '{}', 1700000000000, CASE WHEN i % 20 = 0 THEN NULL ELSE 1700000000000 END
FROM generate_series(1, $n / 2) AS i;
ANALYZE;
SQL
echo "seeded in $(( $(date +%s) - start ))s: $($psql -At -c "SELECT COUNT(*) FROM handovers") handovers, $($psql -At -c "SELECT COUNT(*) FROM open_escalations") open escalations, $($psql -At -c "SELECT COUNT(*) FROM report_counts") read-model cells, $($psql -At -c "SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL") pending outbox rows of $($psql -At -c "SELECT COUNT(*) FROM outbox")"

start_hub
key=scrape-cost-operator-key-0123456789
for _ in $(seq 1 5); do curl -fsS -o /dev/null -H "Authorization: Bearer $key" "http://127.0.0.1:$hubport/metrics"; done
for _ in $(seq 1 50); do curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $key" "http://127.0.0.1:$hubport/metrics"; done | sort -n > "$work/times"
p50=$(sed -n '25p' "$work/times"); p99=$(tail -1 "$work/times")
echo "GET /metrics at $n handovers, figures read on every scrape: p50 ${p50}s, max of 50 ${p99}s"
curl -fsS -H "Authorization: Bearer $key" "http://127.0.0.1:$hubport/metrics" | grep -E '^integrationhub_(handovers|escalations_open|outbox_pending|deadlines_due)'
echo "hub RSS after the scrapes: $(( $(awk '/VmRSS/ {print $2}' /proc/$hub/status) / 1024 )) MiB"
