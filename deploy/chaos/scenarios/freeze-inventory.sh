#!/usr/bin/env bash
# SIGSTOP of inventory-service for longer than the global transaction timeout (30 s), then SIGCONT.
source "$(dirname "$0")/../lib.sh"
begin freeze-inventory "SIGSTOP inventory-service 35 s (> the 30 s global timeout), then SIGCONT"
load 20; sleep 5
chaos freeze inventory-service; hold 35 "inventory-service frozen"; chaos thaw inventory-service
finish
