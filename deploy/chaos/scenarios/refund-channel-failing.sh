#!/usr/bin/env bash
# Refunds fail at both channels for 20 s, then recover: every refund must still end SUCCESS.
source "$(dirname "$0")/../lib.sh"
begin refund-channel-failing "channel refunds fail 20 s, then recover" none
sandbox_faults '{"WECHAT":{"refundFailureRate":1.0},"ALIPAY":{"refundFailureRate":1.0}}'
load 20; hold 20 "refunds failing"
sandbox_faults '{"WECHAT":{},"ALIPAY":{}}'
# a 20 s outage is shorter than the give-up duration (40 s locally, a day by default), so refunds
# retry on their own; any parked MANUAL all the same is retried as support would
curl -fsS -u "operator:$OPERATOR_PASSWORD" "$PAYMENT_URL/api/admin/refunds?status=MANUAL" | python3 -c 'import json,sys; [print(r["refundNo"]) for r in json.load(sys.stdin)]' \
  | while read -r refund; do curl -fsS -X POST -u "operator:$OPERATOR_PASSWORD" "$PAYMENT_URL/api/admin/refunds/$refund/retry" >/dev/null; done
finish
