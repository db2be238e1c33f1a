#!/usr/bin/env bash
# Runs a dossier tool against a running dossier-service (start it with deploy/run-local.sh):
#   dossier-service/dossier-tools/run.sh bench  [--lifecycles 3000] [--concurrency 8]
#   dossier-service/dossier-tools/run.sh import [--count 100000] [--batch 500] [--parallel 2]
#   dossier-service/dossier-tools/run.sh verify-history [--jdbc-url jdbc:postgresql://...] [--user U] [--password P]
#     (reads the database directly, not the service; exit 0 intact, 1 tampered, 2 could not check)
# Tokens are read from .motcua/tokens.env (written by the local run) unless --token is given.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f dossier-service/dossier-tools/target/tools.classpath ]; then
  ./mvnw -B -ntp -q install -DskipTests -pl dossier-service/dossier-tools -am
fi
# the bench's client shares the two cores with what it measures: with C1 only and the serial collector it took 1.7-2.0
# s of CPU a bench instead of 4.7-5.0 s, left to the services (README "The bench's own client")
jvm=(-Xmx512m)
if [ "${1:-}" = bench ]; then
  jvm+=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
fi
exec java "${jvm[@]}" -cp "dossier-service/dossier-tools/target/classes:$(cat dossier-service/dossier-tools/target/tools.classpath)" \
  vn.motcua.dossier.tools.DossierTools "$@"
