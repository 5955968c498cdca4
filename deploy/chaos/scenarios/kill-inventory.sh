#!/usr/bin/env bash
# kill -9 of inventory-service (the last AT branch) in the middle of global transactions.
source "$(dirname "$0")/../lib.sh"
begin kill-inventory "kill -9 inventory-service mid-load, back after 5 s"
load 25; sleep 8
chaos kill inventory-service; sleep 5; chaos start inventory-service
finish
