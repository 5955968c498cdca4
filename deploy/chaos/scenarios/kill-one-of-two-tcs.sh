#!/usr/bin/env bash
# Two TCs on one db store; kill -9 one of them under load and leave it down: the other carries on.
source "$(dirname "$0")/../lib.sh"
needs two-tcs
begin kill-one-of-two-tcs "two TCs sharing the db store; kill -9 one mid-load, back only after 30 s"
load 30; sleep 8
chaos kill seata; hold 30 "one TC left"; chaos start seata
finish
