#!/usr/bin/env bash
# Starts the hub on the embedded default (in-memory bus + SQLite under ./data, no external services)
# and shows it working: the example handover from docs/examples is submitted, delivered, and receipted; the police
# care report on Kevin's brother Henk matches the two as a family, and BJZ is asked to coordinate and accepts.
# The hub keeps running afterwards; Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")"
port="${HUB_PORT:-5080}"
base="http://127.0.0.1:${port}"

command -v dotnet >/dev/null 2>&1 || { echo "run.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 3; }
echo "Building the hub..."
dotnet build src/Hub -c Release -nologo -v quiet >/dev/null
dotnet run --no-build -c Release --project src/Hub -- --urls "$base" &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 120); do curl -fsS "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "$base/health" >/dev/null || { echo "run.sh: the hub did not start on $base" >&2; exit 1; }
echo; echo "GET /health -> $(curl -sS "$base/health")"

uuid() { cat /proc/sys/kernel/random/uuid; }
# Every call names its caller (API.md, Identity): the embedded default's demo keys, one per agency.
school=(-H 'Authorization: Bearer school-de-regenboog-demo-key')
bjz=(-H 'Authorization: Bearer bjz-noord-brabant-demo-key')
# A fresh messageId per run: the hub is idempotent on it, and ./data keeps earlier runs.
handover=$(sed "s/6f1c2a8e-3b7d-4c2e-9a51-0d9e7f3b2a11/$(uuid)/" docs/examples/handover-kevin-school-to-bjz.json)
echo; echo "POST /api/handovers (docs/examples/handover-kevin-school-to-bjz.json)"
answer=$(curl -sS -X POST "$base/api/handovers" "${school[@]}" -H 'Content-Type: application/json' --data "$handover")
echo "  -> $answer"
id=$(printf '%s' "$answer" | sed -n 's/.*"handoverId":"\([^"]*\)".*/\1/p')

state() { curl -sS "${school[@]}" "$base/api/handovers/$id" | sed -n 's/.*"state":"\([^"]*\)".*/\1/p'; }
for _ in $(seq 1 50); do [ "$(state)" = delivered ] && break; sleep 0.1; done
echo "GET /api/handovers/$id -> state $(state)"

receipt=$(sed "s/0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f/$(uuid)/" docs/examples/feedback-receipt.json)
echo; echo "POST /api/handovers/$id/feedback (docs/examples/feedback-receipt.json)"
echo "  -> $(curl -sS -X POST "$base/api/handovers/$id/feedback" "${bjz[@]}" -H 'Content-Type: application/json' --data "$receipt")"
for _ in $(seq 1 50); do [ "$(state)" = receipt-confirmed ] && break; sleep 0.1; done
echo "GET /api/handovers/$id ->"
curl -sS "${school[@]}" "$base/api/handovers/$id"; echo

# The chain around the child: the handover signalled Kevin for the school (the demo covenants say so); the
# Veiligheidshuis's police care report on his brother Henk signals him, and the two match as a family.
vhh=(-H 'Authorization: Bearer veiligheidshuis-tilburg-demo-key')
echo; echo "POST /api/adapters/veiligheidshuis/messages (docs/examples/zorgmelding-henk-vhh.json: the police care report on Henk)"
echo "  -> $(curl -sS -X POST "$base/api/adapters/veiligheidshuis/messages" "${vhh[@]}" -H 'Content-Type: application/json' \
      --data @docs/examples/zorgmelding-henk-vhh.json)"
matches=$(curl -sS "${school[@]}" "$base/api/signals/matches")
echo "GET /api/signals/matches as the school (its own matches only) ->"
echo "  $matches"
family=$(printf '%s' "$matches" | sed -n 's/.*"familyId":"\([^"]*\)".*/\1/p')
if [ -n "$family" ]; then
  echo "GET /api/families/$family as BJZ (who coordinates: the Eindhoven table asks BJZ, which is involved) ->"
  echo "  $(curl -sS "${bjz[@]}" "$base/api/families/$family")"
  echo "POST /api/families/$family/coordination as BJZ (accept) ->"
  echo "  $(curl -sS -X POST "$base/api/families/$family/coordination" "${bjz[@]}" -H 'Content-Type: application/json' \
        --data '{"decision":"accept","professional":{"name":"A. Jansen","role":"gezinsvoogd","phone":"013-5550400"}}')"
  echo "  (on a second run BJZ coordinates already, and the hub says so)"
  echo "The school's mail now holds the match in its own CSV: GET /api/agencies/school-de-regenboog/mail"
fi
echo
echo "GET /metrics (operator key; Prometheus uses a monitor key) -> the hub's figures:"
curl -sS -H 'Authorization: Bearer operator-demo-key' "$base/metrics" | grep -E '^integrationhub_(handovers|outbox_pending|deadlines_due|escalations_open)' || true
echo
echo "The hub runs at $base (dashboard: $base/dashboard, operator key operator-demo-key). Ctrl+C stops it."
wait $hub
