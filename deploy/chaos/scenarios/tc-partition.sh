#!/usr/bin/env bash
# inventory-service cut off from the TC for 20 s under load: its branches can neither register nor report.
source "$(dirname "$0")/../lib.sh"
needs links
begin tc-partition "inventory-service partitioned from the TC for 20 s (nothing passes either way; held, not lost)"
load 25; sleep 8
link partition inventory-service-to-seata; hold 20 "inventory-service cut off from the TC"; link heal inventory-service-to-seata
finish
