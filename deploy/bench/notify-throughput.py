#!/usr/bin/env python3
"""Notifies handled per second by payment-service: a benchmark that prints numbers, not a test.

Plays WeChat Pay: makes notifies the way the platform (and the channel sandbox) does, with the
cluster's keys (the transaction encrypted AES-256-GCM under the APIv3 key, the request signed
SHA256withRSA; needs Debian's python3-cryptography) and sends them from many threads.

  first-time path  one notify per fresh order: verify, store in the inbox, one global transaction
                   (payment, order, stock) per notify
  duplicate path   the same payments notified again (fresh nonce each): verify, a committed read of
                   the attempt, answered at once

    python3 deploy/bench/notify-throughput.py [--orders 200] [--repeats 5] [--threads 16]
Addresses from `deploy/local/cluster.sh env`; with PAYMENT2_URL set, notifies alternate between both
instances, and the numbers are printed for one instance and for two.
"""
import argparse
import concurrent.futures
import json
import os
import time
import urllib.request
import uuid

import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import dualpay  # noqa: E402  (the project's shared helper: HTTP, shopper tokens, the operator)

ORDER = os.environ.get("ORDER_URL", "http://127.0.0.1:8081")
PAYMENT = os.environ.get("PAYMENT_URL", "http://127.0.0.1:8082")
PAYMENT2 = os.environ.get("PAYMENT2_URL", "")
INVENTORY = os.environ.get("INVENTORY_URL", "http://127.0.0.1:8083")
SKU = "SKU-CABLE"


call = dualpay.expect


def open_trade(i):
    shopper = dualpay.shopper(f"bench-{i}")
    order = call("POST", f"{ORDER}/api/orders", {"userId": f"bench-{i}", "items": [{"skuCode": SKU, "quantity": 1}]},
                 {"Idempotency-Key": str(uuid.uuid4()), **shopper})
    payment = call("POST", f"{PAYMENT}/api/payments", {"orderNo": order["orderNo"], "channel": "WECHAT"}, shopper)
    return payment["outTradeNo"], "4200BENCH" + uuid.uuid4().hex[:18], order["totalAmount"]


def notify(instance, trade):
    body, headers = dualpay.wechat_notify(*trade)
    request = urllib.request.Request(f"{instance}/api/payments/notify/WECHAT", data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status not in (200, 204):
            raise SystemExit(f"notify answered {response.status}")


def rate(instances, jobs, threads):
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda job: notify(instances[job[0] % len(instances)], job[1]), enumerate(jobs)))
    return len(jobs) / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    call("PUT", f"{INVENTORY}/api/admin/skus/{SKU}/stock", {"stock": 1_000_000}, dualpay.operator())
    setups = [[PAYMENT]] + ([[PAYMENT, PAYMENT2]] if PAYMENT2 else [])
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        warm = list(pool.map(open_trade, range(50)))
    rate([PAYMENT] + ([PAYMENT2] if PAYMENT2 else []), warm, args.threads)  # warm-up, not counted
    print(f"{args.threads} client threads; first-time: {args.orders} orders; "
          f"duplicates: each paid {args.repeats} more times")
    for instances in setups:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            trades = list(pool.map(open_trade, range(args.orders)))
        first = rate(instances, trades, args.threads)
        duplicates = rate(instances, trades * args.repeats, args.threads)
        print(f"{len(instances)} instance(s): first-time path {first:7.1f} notifies/s, "
              f"duplicate path {duplicates:7.1f} notifies/s")


if __name__ == "__main__":
    main()
