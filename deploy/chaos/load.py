#!/usr/bin/env python3
"""Load for the chaos scenarios: shoppers doing every kind of thing for a while, undeterred by errors.

Each worker loops until the time is up, picking a story:
  40 %  pay on one channel
  20 %  pay on both channels at once (a duplicate to refund)
  15 %  cancel while paying (one or the other wins)
  15 %  leave the order unpaid (20 s window: the timeout close takes it)
  10 %  a forged notify (wrong signature) for a real trade, then pay it for real
Calls that fail while a part of the cluster is down are counted and the story moves on; whatever
state they leave is the system's to settle. A forged notify is expected to be refused: it is not a
call of the shopper's and is not recorded.

Every shopper call is recorded (--calls: one JSON line each: step, start and end time, ms, ok, what
went wrong) for the verdict (report.py); the summary (--summary: JSON) and one printed line give the
orders created, the errors and the latencies. --seed makes each worker's choices repeatable (stories,
articles, quantities, users, pauses); what the timing of the cluster does with them is not.

    python3 deploy/chaos/load.py --seconds 30 --workers 6 --seed 42 [--calls F] [--summary F]
"""
import argparse
import base64
import json
import os
import random
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from dualpay import call, forged_wechat_headers, operator, shopper  # noqa: E402  (the project's shared helper)

ORDER = os.environ.get("ORDER_URL", "http://127.0.0.1:8081")
PAYMENT = os.environ.get("PAYMENT_URL", "http://127.0.0.1:8082")
PAYMENT2 = os.environ.get("PAYMENT2_URL", "")
SANDBOX = os.environ.get("SANDBOX_URL", "http://127.0.0.1:8090")
SKUS = ["SKU-KEYBOARD", "SKU-MOUSE", "SKU-HEADSET", "SKU-CABLE", "SKU-MONITOR"]

lock = threading.Lock()
counts = {"orders": 0, "errors": 0}
records = []  # (step, t0, t1, ok, what)


def shopper_call(step, expected, method, url, body=None, headers=None):
    """One call of the shopper's, recorded: ok when it answers one of the expected statuses."""
    t0 = time.time()
    try:
        status, answer = call(method, url, body, headers)
        ok, what = status in expected, str(status)
    except Exception as e:  # refused, reset, timed out: the part is down or frozen
        status, answer, ok, what = None, None, False, type(getattr(e, "reason", e)).__name__
    with lock:
        records.append((step, t0, time.time(), ok, what))
        if not ok:
            counts["errors"] += 1
    if not ok:
        time.sleep(0.2)  # a shopper waits a moment before the next try; no busy loop against a dead port
    return ok, answer


def story(rng):
    payment = rng.choice([PAYMENT, PAYMENT2]) if PAYMENT2 else PAYMENT
    kind = rng.random()
    user = "chaos-%06x" % rng.getrandbits(24)
    auth = shopper(user)
    body = {"userId": user,
            "items": [{"skuCode": rng.choice(SKUS), "quantity": rng.randint(1, 2)}]}
    if 0.75 <= kind < 0.90:
        body["paymentTimeoutSeconds"] = 20
    # keys and nonces stay random: a repeated seed must not replay an earlier run's idempotent calls
    ok, order = shopper_call("create-order", (201,), "POST", f"{ORDER}/api/orders", body,
                             {"Idempotency-Key": str(uuid.uuid4()), **auth})
    if not ok:
        return
    with lock:
        counts["orders"] += 1
    order_no = order["orderNo"]
    if 0.75 <= kind < 0.90:
        return  # left unpaid
    channels = ["WECHAT", "ALIPAY"] if 0.40 <= kind < 0.60 else [rng.choice(["WECHAT", "ALIPAY"])]
    trades = []
    for channel in channels:
        ok, started = shopper_call("start-payment", (201,), "POST", f"{payment}/api/payments",
                                   {"orderNo": order_no, "channel": channel}, auth)
        if not ok:
            return
        trades.append((channel, started["outTradeNo"]))
    if kind >= 0.90:
        forged = json.dumps({"id": "EV-FORGED", "event_type": "TRANSACTION.SUCCESS",
                             "resource_type": "encrypt-resource",
                             "resource": {"original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                                          "ciphertext": base64.b64encode(os.urandom(64)).decode(),
                                          "associated_data": "transaction", "nonce": uuid.uuid4().hex[:12]}})
        # the platform's shape, signed with no key that is the channel's (and a resource that decrypts
        # under no key we hold): refused 401 before anything is read
        call("POST", f"{payment}/api/payments/notify/WECHAT", raw=forged, headers=forged_wechat_headers(forged))
    # In the race of a cancel with the payment, the loser's 409 (trade closed, order paid or busy) is
    # an answer, not an error.
    racing = 0.60 <= kind < 0.75
    payers = [threading.Thread(target=lambda c=c, t=t: shopper_call(
        "sandbox-pay", (200, 409) if racing else (200,), "POST", f"{SANDBOX}/sandbox/{c.lower()}/trades/{t}/pay"))
        for c, t in trades]
    if racing:
        pause = rng.random() * 0.3
        payers.append(threading.Thread(target=lambda: (time.sleep(pause), shopper_call(
            "cancel", (200, 409), "POST", f"{ORDER}/api/orders/{order_no}/cancel", headers=auth))))
    for p in payers:
        p.start()
    for p in payers:
        p.join()


def running(deadline, stop_file):
    """Until the deadline; with a stop file, on past it until the file is there (10 minutes at most)."""
    now = time.time()
    return now < deadline or (stop_file is not None and not os.path.exists(stop_file) and now < deadline + 600)


def worker(deadline, rng, stop_file):
    while running(deadline, stop_file):
        try:
            story(rng)
        except Exception as e:  # a bug of the load's own: counted as an error, never silent
            with lock:
                records.append(("story", time.time(), time.time(), False, type(e).__name__))
                counts["errors"] += 1
            time.sleep(0.2)


def percentile(values, p):
    return sorted(values)[max(0, -(-len(values) * p // 100) - 1)] if values else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--seed", type=int, default=None, help="repeat a run's choices (default: a random seed)")
    parser.add_argument("--calls", help="write every shopper call here, one JSON line each")
    parser.add_argument("--summary", help="write the summary here (JSON)")
    parser.add_argument("--stop-file", help="after --seconds, go on until this file exists (the fault has healed)")
    args = parser.parse_args()
    seed = random.SystemRandom().randrange(1 << 31) if args.seed is None else args.seed
    for sku in SKUS:  # plenty of stock: running out is a scenario of its own (RefundStoriesIT)
        call("PUT", f"{os.environ.get('INVENTORY_URL', 'http://127.0.0.1:8083')}/api/admin/skus/{sku}/stock",
             {"stock": 1_000_000}, operator())
    deadline = time.time() + args.seconds
    threads = [threading.Thread(target=worker, args=(deadline, random.Random(seed * 1000 + i), args.stop_file))
               for i in range(args.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ms = [(t1 - t0) * 1000 for _, t0, t1, _, _ in records]
    summary = {"seed": seed, "seconds": args.seconds, "workers": args.workers, "orders": counts["orders"],
               "calls": len(records), "errors": counts["errors"],
               "p50Ms": round(percentile(ms, 50)), "p95Ms": round(percentile(ms, 95)), "maxMs": round(max(ms, default=0))}
    if args.calls:
        with open(args.calls, "w") as f:
            for step, t0, t1, ok, what in records:
                f.write(json.dumps({"step": step, "t0": round(t0, 3), "t1": round(t1, 3),
                                    "ms": round((t1 - t0) * 1000, 1), "ok": ok, "what": what}) + "\n")
    if args.summary:
        with open(args.summary, "w") as f:
            json.dump(summary, f)
    print(" ".join(f"{k}={v}" for k, v in summary.items()))


if __name__ == "__main__":
    main()
