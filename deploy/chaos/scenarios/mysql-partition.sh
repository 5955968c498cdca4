#!/usr/bin/env bash
# payment-service (both instances: they share their links) cut off from MySQL for 20 s under load: notifies cannot be stored.
source "$(dirname "$0")/../lib.sh"
needs links
begin mysql-partition "payment-service partitioned from MySQL for 20 s (nothing passes either way; held, not lost)"
load 25; sleep 8
link partition payment-service-to-mysql; hold 20 "payment-service cut off from MySQL"; link heal payment-service-to-mysql
finish
