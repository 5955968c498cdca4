#!/usr/bin/env bash
# kill -9 of the Seata TC while global transactions run; it restarts from its db store.
source "$(dirname "$0")/../lib.sh"
begin kill-tc "kill -9 the Seata TC mid-load, back after 5 s"
load 25; sleep 8
chaos kill seata; sleep 5; chaos start seata
finish
