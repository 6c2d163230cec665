#!/usr/bin/env bash
# Measures the Native AOT worker against the same worker on the JIT, in one run (docs/aot.md): binary size,
# start to first job, idle RSS, RSS while draining 100,000 no-op jobs. Each variant gets its own private
# redis-server on a free loopback port, started and stopped by the measurement (tests/JobGen.Aot.Tests).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${JOBGEN_MEASURE_OUT:-$(mktemp -t jobgen-aot-measure.XXXXXX.md)}"
JOBGEN_MEASURE_OUT="$out" dotnet test --project tests/JobGen.Aot.Tests -c Release -- --filter-method "*Measure_aot_and_jit_workers" --explicit only
cat "$out"
