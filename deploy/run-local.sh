#!/usr/bin/env bash
# Builds motcua and starts the whole system on this machine: PostgreSQL, Kafka and every service.
# Needs only a JDK 17 and access to Maven Central. Data and logs are kept in .motcua/ (or $MOTCUA_HOME).
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q install -DskipTests
exec java -Xmx256m -cp "deploy/local-run/target/classes:$(cat deploy/local-run/target/launcher.classpath)" \
  vn.motcua.local.LocalRun "$@"
