#!/usr/bin/env bash
# The database server stops under load and comes back 5 s later.
source "$(dirname "$0")/../lib.sh"
begin mysql-restart "stop MySQL/MariaDB mid-load, start it 5 s later"
load 25; sleep 8
chaos stop mysql; sleep 5; chaos start mysql
finish
