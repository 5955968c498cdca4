#!/usr/bin/env bash
# Every service's link to MySQL 50 ms slower each way (jitter 5 ms) for 30 s under load.
source "$(dirname "$0")/../lib.sh"
needs links
begin mysql-latency "every service's link to MySQL 50 ms slower each way for 30 s"
load 30; sleep 5
mapfile -t db_links < <(links_to mysql)
link latency 50 "${db_links[@]}"; hold 30 "slow links to MySQL"; link heal "${db_links[@]}"
finish
