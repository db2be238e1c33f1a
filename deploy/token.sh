#!/usr/bin/env bash
# A fresh bearer token from the local run's Keycloak (tokens live an hour).
#   deploy/token.sh officer.000.00.20.h40      a user (admin, analyst, officer.<unit>, leader.<unit>; unit in lower case)
#   deploy/token.sh --client cong-dvc-nghe-an  a calling system, by its client credentials
# Prints the access token; e.g. curl -H "Authorization: Bearer $(deploy/token.sh admin)" ...
set -euo pipefail
HOME_DIR=${MOTCUA_HOME:-"$(cd "$(dirname "$0")/.." && pwd)/.motcua"}
TOKEN_URL=http://127.0.0.1:18080/realms/motcua/protocol/openid-connect/token
if [[ $# -eq 2 && $1 == --client ]]; then
  answer=$(curl -sf -d grant_type=client_credentials -d "client_id=$2" \
    --data-urlencode "client_secret=$(cat "$HOME_DIR/keys/keycloak-clients.secret")" "$TOKEN_URL")
elif [[ $# -eq 1 ]]; then
  answer=$(curl -sf -d grant_type=password -d client_id=motcua-cli -d "username=$1" \
    --data-urlencode "password=$(cat "$HOME_DIR/keys/keycloak-users.password")" "$TOKEN_URL")
else
  echo "usage: $0 USER | --client CLIENT" >&2
  exit 2
fi
# the JSON answer's access_token, without needing jq
sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<<"$answer"
