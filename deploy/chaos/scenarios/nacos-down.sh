#!/usr/bin/env bash
# The registry is gone for a minute: clients keep their cached instances.
source "$(dirname "$0")/../lib.sh"
begin nacos-down "stop Nacos for 60 s under load"
load 40; sleep 5
chaos stop nacos; sleep 60; chaos start nacos
finish
