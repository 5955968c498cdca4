#!/usr/bin/env bash
# The registry is gone for a minute: clients keep their cached instances.
source "$(dirname "$0")/../lib.sh"
begin nacos-down "stop Nacos for 60 s under load" none
load 40; sleep 5
chaos stop nacos; hold 60 "Nacos down"; chaos start nacos
finish
