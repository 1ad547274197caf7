#!/usr/bin/env bash
# Starts the Docker engine in the background when it is not answering, and waits (bounded) until it does.
set -euo pipefail
if docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  exit 0
fi
if ! command -v dockerd >/dev/null; then
  echo "start-docker: dockerd is not installed (apt-get install docker.io)" >&2
  exit 1
fi
echo "start-docker: starting dockerd" >&2
nohup dockerd >/var/log/orc-dockerd.log 2>&1 &
for _ in $(seq 1 120); do
  if docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
    exit 0
  fi
  sleep 0.5
done
echo "start-docker: dockerd did not answer within 60 s; see /var/log/orc-dockerd.log" >&2
exit 1
