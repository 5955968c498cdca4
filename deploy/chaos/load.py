#!/usr/bin/env python3
"""Load for the chaos scenarios: shoppers doing every kind of thing for a while, undeterred by errors.

Each worker loops until the time is up, picking a story:
  40 %  pay on one channel
  20 %  pay on both channels at once (a duplicate to refund)
  15 %  cancel while paying (one or the other wins)
  15 %  leave the order unpaid (20 s window: the timeout close takes it)
  10 %  a forged notify (wrong signature) for a real trade, then pay it for real
Calls that fail while a part of the cluster is down are counted and the story moves on; whatever
state they leave is the system's to settle. Prints one line: orders created and errors seen.

    python3 deploy/chaos/load.py --seconds 30 --workers 6
"""
import argparse
import json
import os
import random
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from dualpay import call, operator, shopper, wechat_notify_headers  # noqa: E402  (the project's shared helper)

ORDER = os.environ.get("ORDER_URL", "http://127.0.0.1:8081")
PAYMENT = os.environ.get("PAYMENT_URL", "http://127.0.0.1:8082")
PAYMENT2 = os.environ.get("PAYMENT2_URL", "")
SANDBOX = os.environ.get("SANDBOX_URL", "http://127.0.0.1:8090")
SKUS = ["SKU-KEYBOARD", "SKU-MOUSE", "SKU-HEADSET", "SKU-CABLE", "SKU-MONITOR"]

lock = threading.Lock()
counts = {"orders": 0, "errors": 0}


def count(key):
    with lock:
        counts[key] += 1


def story():
    payment = random.choice([PAYMENT, PAYMENT2]) if PAYMENT2 else PAYMENT
    kind = random.random()
    user = "chaos-" + uuid.uuid4().hex[:6]
    auth = shopper(user)
    body = {"userId": user,
            "items": [{"skuCode": random.choice(SKUS), "quantity": random.randint(1, 2)}]}
    if 0.75 <= kind < 0.90:
        body["paymentTimeoutSeconds"] = 20
    status, order = call("POST", f"{ORDER}/api/orders", body, {"Idempotency-Key": str(uuid.uuid4()), **auth})
    if status != 201:
        count("errors")
        return
    count("orders")
    order_no = order["orderNo"]
    if 0.75 <= kind < 0.90:
        return  # left unpaid
    channels = ["WECHAT", "ALIPAY"] if 0.40 <= kind < 0.60 else [random.choice(["WECHAT", "ALIPAY"])]
    trades = []
    for channel in channels:
        status, started = call("POST", f"{payment}/api/payments", {"orderNo": order_no, "channel": channel}, auth)
        if status != 201:
            count("errors")
            return
        trades.append((channel, started["outTradeNo"]))
    if kind >= 0.90:
        channel, out_trade_no = trades[0]
        forged = json.dumps({"id": "EV-FORGED", "event_type": "TRANSACTION.SUCCESS",
                             "resource": {"out_trade_no": out_trade_no, "transaction_id": "4200FORGED",
                                          "trade_state": "SUCCESS", "amount": {"total": 1},
                                          "success_time": "2026-01-01T00:00:00+08:00"}})
        # well formed, but signed with a key that is not the channel's
        call("POST", f"{payment}/api/payments/notify/WECHAT", raw=forged,
             headers=wechat_notify_headers("forged-" + uuid.uuid4().hex, forged))
    payers = [threading.Thread(target=lambda c=c, t=t: call("POST", f"{SANDBOX}/sandbox/{c.lower()}/trades/{t}/pay"))
              for c, t in trades]
    if 0.60 <= kind < 0.75:
        payers.append(threading.Thread(target=lambda: (time.sleep(random.random() * 0.3),
                                                       call("POST", f"{ORDER}/api/orders/{order_no}/cancel",
                                                            headers=auth))))
    for p in payers:
        p.start()
    for p in payers:
        p.join()


def worker(deadline):
    while time.time() < deadline:
        try:
            story()
        except Exception:  # a refused connection while a part is down: count it, go on
            count("errors")
            time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=6)
    args = parser.parse_args()
    for sku in SKUS:  # plenty of stock: running out is a scenario of its own (RefundStoriesIT)
        call("PUT", f"{os.environ.get('INVENTORY_URL', 'http://127.0.0.1:8083')}/api/admin/skus/{sku}/stock",
             {"stock": 1_000_000}, operator())
    deadline = time.time() + args.seconds
    threads = [threading.Thread(target=worker, args=(deadline,)) for _ in range(args.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"orders={counts['orders']} errors={counts['errors']}")


if __name__ == "__main__":
    main()
