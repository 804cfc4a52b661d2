#!/usr/bin/env bash
# Local OpenSearch: one node from Maven Central's integ-test distribution, HTTP on 127.0.0.1:9200, a single-node
# cluster with the analysis-common module added (French elision, stemmer and ASCII folding), a 512 MB heap. OpenSearch
# refuses to run as root: when the stack runs as root, the node runs as the system user cpa-opensearch, created here.
# Usage: opensearch.sh up | down (= stop) | stop | restart | status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set -euo pipefail

OS_HOME="$CPA_DIST/opensearch-$OPENSEARCH_VERSION"
OS_DATA="$CPA_DATA/opensearch"
OS_LOG="$CPA_LOGS/opensearch.log"
OS_URL="http://127.0.0.1:$OPENSEARCH_PORT"
OS_USER=cpa-opensearch
OS_HEAP="${CPA_OPENSEARCH_HEAP:-512m}"

healthy() { curl -fsS -m 3 "$OS_URL/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1; }

fetch() {
  [[ -x "$OS_HOME/bin/opensearch" && -f "$OS_HOME/modules/analysis-common/plugin-descriptor.properties" ]] && return 0
  local tmp="$CPA_DIST/opensearch-download"
  rm -rf "$tmp" "$OS_HOME"
  mkdir -p "$tmp"
  log "opensearch: copying OpenSearch $OPENSEARCH_VERSION and its analysis-common module from the Maven cache"
  mvn_fetch -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$OPENSEARCH_VERSION:zip" -DoutputDirectory="$tmp"
  mvn_fetch -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.opensearch.plugin:analysis-common:$OPENSEARCH_VERSION" -DoutputDirectory="$tmp"
  (cd "$tmp" && unzip -q "opensearch-$OPENSEARCH_VERSION.zip")
  mv "$tmp/opensearch-$OPENSEARCH_VERSION" "$OS_HOME"
  # The integ-test distribution has no modules beyond the core; analysis-common loads as a module with its descriptor.
  mkdir -p "$OS_HOME/modules/analysis-common"
  cp "$tmp/analysis-common-$OPENSEARCH_VERSION.jar" "$OS_HOME/modules/analysis-common/"
  cat > "$OS_HOME/modules/analysis-common/plugin-descriptor.properties" <<PROPS
description=Adds analysis components (elision, stemmers, ASCII folding)
version=$OPENSEARCH_VERSION
name=analysis-common
classname=org.opensearch.analysis.common.CommonAnalysisPlugin
java.version=11
opensearch.version=$OPENSEARCH_VERSION
PROPS
  rm -rf "$tmp"
  [[ -x "$OS_HOME/bin/opensearch" ]] || die "opensearch: $OS_HOME/bin/opensearch missing after the unpacking"
}

configure() {
  mkdir -p "$OS_DATA" "$CPA_LOGS/opensearch"
  cat > "$OS_HOME/config/opensearch.yml" <<YAML
cluster.name: cpa-local
node.name: cpa-local-1
network.host: 127.0.0.1
http.port: $OPENSEARCH_PORT
transport.port: $OPENSEARCH_TRANSPORT_PORT
discovery.type: single-node
path.data: $OS_DATA
path.logs: $CPA_LOGS/opensearch
# Indices are made by the catalogue's own mappings, never by a stray write.
action.auto_create_index: false
YAML
  if [[ $EUID -eq 0 ]]; then
    id -u "$OS_USER" >/dev/null 2>&1 \
      || useradd --system --no-create-home --shell /usr/sbin/nologin "$OS_USER"
    chown -R "$OS_USER" "$OS_HOME" "$OS_DATA" "$CPA_LOGS/opensearch"
  fi
}

up() {
  fetch
  if running opensearch; then
    log "opensearch: already running (pid $(cat "$CPA_RUN/opensearch.pid"))"
  else
    port_open "$OPENSEARCH_PORT" && die "opensearch: port $OPENSEARCH_PORT is taken by pid $(port_pid "$OPENSEARCH_PORT")"
    configure
    local java_home
    java_home="$(dirname "$(dirname "$(readlink -f "$(java17)")")")"
    log "opensearch: starting on $OS_URL (log $OS_LOG)"
    local run=(env "JAVA_HOME=$java_home" "OPENSEARCH_JAVA_OPTS=-Xms$OS_HEAP -Xmx$OS_HEAP" "$OS_HOME/bin/opensearch")
    if [[ $EUID -eq 0 ]]; then
      start_bg opensearch runuser -u "$OS_USER" -- "${run[@]}"
    else
      start_bg opensearch "${run[@]}"
    fi
  fi
  wait_for opensearch 120 healthy
  log "opensearch: up on $OS_URL"
}

status() {
  if running opensearch && healthy; then
    status_line opensearch up "$OPENSEARCH_PORT" "$(cat "$CPA_RUN/opensearch.pid")" "$OS_LOG"
  else
    status_line opensearch down "$OPENSEARCH_PORT" "$(port_pid "$OPENSEARCH_PORT")" "$OS_LOG"
    return 1
  fi
}

case "${1:-}" in
  up)         up ;;
  stop|down)  stop_bg opensearch ;;
  restart)    stop_bg opensearch; up ;;
  status)     status ;;
  *)          die "usage: $(basename "$0") up|stop|down|restart|status" ;;
esac
