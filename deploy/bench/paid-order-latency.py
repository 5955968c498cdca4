#!/usr/bin/env python3
"""Latency of the paid-order flow on a running cluster: a benchmark that prints numbers, not a test.

For each of N orders (channels alternate): create the order, start a payment, let the shopper pay
on the sandbox, then poll until the order reads PAID and its stock is deducted. Prints, in ms, the
whole flow (create -> paid) and the part after the shopper paid (notify + global transaction).

    python3 deploy/bench/paid-order-latency.py [--orders 100]   (addresses from cluster.sh env)
"""
import argparse
import json
import os
import statistics
import time
import uuid

import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import dualpay  # noqa: E402  (the project's shared helper: HTTP, shopper tokens, the operator)

ORDER = os.environ.get("ORDER_URL", "http://127.0.0.1:8081")
PAYMENT = os.environ.get("PAYMENT_URL", "http://127.0.0.1:8082")
INVENTORY = os.environ.get("INVENTORY_URL", "http://127.0.0.1:8083")
SANDBOX = os.environ.get("SANDBOX_URL", "http://127.0.0.1:8090")
SKU = "SKU-CABLE"


call = dualpay.expect


def stock():
    return call("GET", f"{INVENTORY}/api/skus/{SKU}")["stock"]


def one(channel):
    before = stock()
    started = time.perf_counter()
    shopper = dualpay.shopper("bench")
    order = call("POST", f"{ORDER}/api/orders", {"userId": "bench", "items": [{"skuCode": SKU, "quantity": 1}]},
                 {"Idempotency-Key": str(uuid.uuid4()), **shopper})
    payment = call("POST", f"{PAYMENT}/api/payments", {"orderNo": order["orderNo"], "channel": channel}, shopper)
    call("POST", f"{SANDBOX}/sandbox/{channel.lower()}/trades/{payment['outTradeNo']}/pay", {})
    paid_at = time.perf_counter()
    deadline = paid_at + 30
    while time.perf_counter() < deadline:
        if call("GET", f"{ORDER}/api/orders/{order['orderNo']}", headers=shopper)["status"] == "PAID" \
                and stock() == before - 1:
            done = time.perf_counter()
            return (done - started) * 1000, (done - paid_at) * 1000
        time.sleep(0.005)
    raise SystemExit(f"order {order['orderNo']} not paid within 30 s")


def summary(name, values):
    values = sorted(values)
    p95 = values[max(0, int(len(values) * 0.95) - 1)]
    print(f"{name:<28} min {values[0]:7.1f}  median {statistics.median(values):7.1f}  "
          f"p95 {p95:7.1f}  max {values[-1]:7.1f}  ms")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100)
    args = parser.parse_args()
    call("PUT", f"{INVENTORY}/api/admin/skus/{SKU}/stock", {"stock": 1_000_000}, dualpay.operator())
    one("WECHAT")  # warm-up, not counted
    flows, after_pay = [], []
    for i in range(args.orders):
        flow, tail = one("WECHAT" if i % 2 == 0 else "ALIPAY")
        flows.append(flow)
        after_pay.append(tail)
    print(f"{args.orders} orders, one at a time, channels alternating")
    summary("create -> PAID (whole flow)", flows)
    summary("shopper paid -> PAID", after_pay)


if __name__ == "__main__":
    main()
