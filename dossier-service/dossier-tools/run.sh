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
exec java -Xmx512m -cp "dossier-service/dossier-tools/target/classes:$(cat dossier-service/dossier-tools/target/tools.classpath)" \
  vn.motcua.dossier.tools.DossierTools "$@"
