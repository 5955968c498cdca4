#!/usr/bin/env bash
# kill -9 of order-service (an AT participant) in the middle of global transactions.
source "$(dirname "$0")/../lib.sh"
begin kill-order "kill -9 order-service mid-load, back after 5 s"
load 25; sleep 8
chaos kill order-service; sleep 5; chaos start order-service
finish
