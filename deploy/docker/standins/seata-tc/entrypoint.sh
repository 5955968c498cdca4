#!/bin/sh
# The TC stand-in's start: the settings come from the environment, as for deploy/local/cluster.sh's
# `seata` component (MYSQL_*, NACOS_ADDR, SEATA_CONSOLE_PORT, SEATA_RETRY_DEAD_THRESHOLD, ...), and
# the heap from the official image's own variables (JVM_XMS, JVM_XMX, JVM_MaxMetaspaceSize,
# JVM_MaxDirectMemorySize), which the compose file sets for either image.
# SEATA_IP (set by compose) is read by the 2.0.0 server itself, as in the official image: it is the
# address written into XIDs; the Nacos registration carries the container's own address.
set -e
exec java -Xms"${JVM_XMS:-64m}" -Xmx"${JVM_XMX:-256m}" -XX:MaxMetaspaceSize="${JVM_MaxMetaspaceSize:-192m}" \
  -XX:MaxDirectMemorySize="${JVM_MaxDirectMemorySize:-128m}" -XX:+UseSerialGC ${JAVA_OPTS:-} \
  -jar /opt/dualpay-tc/seata-server.jar -p "${SEATA_PORT:-8091}" "$@"
