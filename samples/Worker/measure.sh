#!/usr/bin/env bash
# Measures the Native AOT worker against the same worker on the JIT, in one run (docs/aot.md): binary size,
# start to first job, idle RSS, RSS while draining 100,000 no-op jobs, SIGTERM to exit. Each variant gets its own
# private redis-server on a free loopback port, started and stopped by the measurement (tests/JobGen.Aot.Measure,
# a console, not a test: the normal test run does not measure).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${JOBGEN_MEASURE_OUT:-$(mktemp -t jobgen-aot-measure.XXXXXX.md)}"
dotnet run -c Release --project tests/JobGen.Aot.Measure -- --out "$out"
