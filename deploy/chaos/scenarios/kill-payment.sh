#!/usr/bin/env bash
# kill -9 of payment-service (the TM of every payment) in the middle of global transactions.
source "$(dirname "$0")/../lib.sh"
begin kill-payment "kill -9 payment-service mid-load, back after 5 s"
load 25; sleep 8
chaos kill payment-service; sleep 5; chaos start payment-service
finish
