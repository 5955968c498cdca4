#!/usr/bin/env bash
# The JVM of payment-service halts after every branch ran and before the global commit.
source "$(dirname "$0")/../lib.sh"
begin halt-before-commit "payment-service halts before a global commit (fault point), restarted"
load 25; sleep 5
arm "$PAYMENT_URL" payment.confirm.before-commit '{"mode":"HALT","times":1}'
for _ in $(seq 1 60); do curl -fsS --max-time 2 "$PAYMENT_URL/actuator/health" >/dev/null 2>&1 || break; sleep 0.5; done
say "payment-service halted"; sleep 3
chaos start payment-service
finish
