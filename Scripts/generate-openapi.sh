#!/usr/bin/env bash
# Regenerates Sources/DaytonaAPI/GeneratedSources from Sources/DaytonaAPI/openapi.yaml with
# swift-openapi-generator (pinned in Scripts/openapi-generator/Package.swift).
#   Scripts/generate-openapi.sh          write the generated files
#   Scripts/generate-openapi.sh --check  fail when the committed files differ from a fresh generation
set -euo pipefail
cd "$(dirname "$0")/.."
target=Sources/DaytonaAPI
output=$target/GeneratedSources
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
swift build -q --package-path Scripts/openapi-generator --scratch-path .build-openapi-generator \
    --product swift-openapi-generator
.build-openapi-generator/debug/swift-openapi-generator generate "$target/openapi.yaml" \
    --config "$target/openapi-generator-config.yaml" --output-directory "$scratch" >/dev/null
for file in "$scratch"/*.swift; do
    # Generated code keeps the generator's layout; swift format leaves it alone.
    { echo "// swift-format-ignore-file"; cat "$file"; } > "$file.tmp" && mv "$file.tmp" "$file"
done
if [ "${1:-}" = "--check" ]; then
    diff -r "$scratch" "$output" && echo "generated client: up to date"
else
    mkdir -p "$output"
    cp "$scratch"/*.swift "$output"/
    echo "wrote $(ls "$scratch" | tr '\n' ' ')to $output"
fi
