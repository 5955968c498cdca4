#!/usr/bin/env bash
# Every service's link to the TC 200 ms slower each way (jitter 20 ms) for 30 s under load.
source "$(dirname "$0")/../lib.sh"
needs links
begin tc-latency "every service's link to the TC 200 ms slower each way for 30 s"
load 30; sleep 5
mapfile -t tc_links < <(links_to seata)
link latency 200 "${tc_links[@]}"; hold 30 "slow links to the TC"; link heal "${tc_links[@]}"
finish
