#!/usr/bin/env bash
# The JVM of payment-service halts after every branch ran and before the global commit.
source "$(dirname "$0")/../lib.sh"
begin halt-before-commit "payment-service halts before a global commit (fault point), restarted"
load 25; sleep 5
# the halt is a fault chaos does not see: its window opens here and closes when it is back
fault_window open payment-service "payment-service halted"
arm "$PAYMENT_URL" payment.confirm.before-commit '{"mode":"HALT","times":1}'
# shellcheck disable=SC2016
waiting "payment-service to halt (at its next global commit)" bash -c \
  'for _ in $(seq 1 60); do curl -fsS --max-time 2 "$0/actuator/health" >/dev/null 2>&1 || exit 0; sleep 0.5; done' "$PAYMENT_URL"
say "payment-service halted"; sleep 3
chaos start payment-service
finish
