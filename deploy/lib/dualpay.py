#!/usr/bin/env python3
"""The one small helper the project's Python scripts share (chaos load, benchmarks, cluster.sh token).

- `call(method, url, body=None, headers=None, raw=None, content_type=..., auth=None, timeout=15)`:
  one HTTP call; returns (status, parsed JSON or None); HTTP errors are answers, not exceptions.
- `shopper(user_id)`: the Authorization header of a demo shopper (a JWT signed with SHOPPER_KEY).
- `operator()`: the Authorization header of the operator (HTTP Basic with OPERATOR_PASSWORD).
- `expect(method, url, ...)`: `call` for scripts that cannot go on after an error: the answer, or exit.
- `sign_token(...)`: the shopper tokens, byte for byte what common's Tokens does in Java.
- `wechat_notify(out_trade_no, transaction_id, amount)`: a WeChat Pay notify as the platform makes it
  (the transaction AES-256-GCM under WECHAT_APIV3_KEY, the request SHA256withRSA with
  WECHAT_PLATFORM_PRIVATE_KEY), as common's NotifySignatures does; needs the `cryptography` package
  (Debian's python3-cryptography), imported only there. `forged_wechat_headers(body)`: headers of the
  right shape whose signature no key made (no package needed).
The cluster's addresses and secrets come from the environment (`eval "$(deploy/local/cluster.sh env)"`).

    python3 deploy/lib/dualpay.py token <userId> [seconds]   prints a shopper token (demo issuer)
    python3 deploy/lib/dualpay.py demo <orderUrl> <paymentUrl> <sandboxUrl>   one order paid, printed
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid

SHOPPER_ISSUER = "dualpay-demo-shoppers"
AUDIENCE = "dualpay"


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign_token(key, issuer, subject, ttl_seconds=3600, now=None):
    """An HS256 JWT, as the services verify them (issuer, subject, audience, expiry)."""
    now = int(time.time() if now is None else now)
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = _b64(json.dumps({"iss": issuer, "sub": subject, "aud": [AUDIENCE], "iat": now,
                              "exp": now + ttl_seconds, "jti": str(uuid.uuid4())}).encode())
    signature = hmac.new(key.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{_b64(signature)}"


def forged_wechat_headers(body, timestamp=None):
    """Headers of a WeChat notify in the platform's shape, signed by no key the cluster knows: 256 random
    bytes where the RSA signature goes. payment-service refuses it (401 BAD_SIGNATURE).

    >>> sorted(forged_wechat_headers("{}", 1700000000))[:3]
    ['Wechatpay-Nonce', 'Wechatpay-Serial', 'Wechatpay-Signature']
    """
    return {"Wechatpay-Timestamp": str(int(time.time()) if timestamp is None else timestamp),
            "Wechatpay-Nonce": uuid.uuid4().hex, "Wechatpay-Serial": os.environ.get("WECHAT_PLATFORM_KEY_ID",
                                                                                  "PUB_KEY_ID_SANDBOX"),
            "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
            "Wechatpay-Signature": base64.b64encode(os.urandom(256)).decode()}


def wechat_notify(out_trade_no, transaction_id, amount, success_time="2026-01-01T00:00:00+08:00"):
    """(body, headers) of a paid trade's WeChat Pay notify, as the platform makes it with the cluster's
    keys (WECHAT_PLATFORM_PRIVATE_KEY, WECHAT_APIV3_KEY, WECHAT_PLATFORM_KEY_ID from the environment)."""
    from cryptography.hazmat.primitives import hashes, serialization  # Debian: python3-cryptography
    from cryptography.hazmat.primitives.asymmetric import padding
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    transaction = json.dumps({"out_trade_no": out_trade_no, "transaction_id": transaction_id,
                              "trade_state": "SUCCESS", "trade_type": "NATIVE", "success_time": success_time,
                              "amount": {"total": amount, "payer_total": amount, "currency": "CNY"}},
                             separators=(",", ":"))
    nonce = uuid.uuid4().hex[:12]
    ciphertext = AESGCM(os.environ["WECHAT_APIV3_KEY"].encode()).encrypt(nonce.encode(), transaction.encode(),
                                                                        b"transaction")
    body = json.dumps({"id": "EV-" + transaction_id, "event_type": "TRANSACTION.SUCCESS",
                       "resource_type": "encrypt-resource",
                       "resource": {"original_type": "transaction", "algorithm": "AEAD_AES_256_GCM",
                                    "ciphertext": base64.b64encode(ciphertext).decode(),
                                    "associated_data": "transaction", "nonce": nonce}}, separators=(",", ":"))
    key = serialization.load_der_private_key(base64.b64decode(os.environ["WECHAT_PLATFORM_PRIVATE_KEY"]), None)
    timestamp, request_nonce = str(int(time.time())), uuid.uuid4().hex
    signature = key.sign(f"{timestamp}\n{request_nonce}\n{body}\n".encode(), padding.PKCS1v15(), hashes.SHA256())
    return body, {"Wechatpay-Timestamp": timestamp, "Wechatpay-Nonce": request_nonce,
                  "Wechatpay-Serial": os.environ.get("WECHAT_PLATFORM_KEY_ID", "PUB_KEY_ID_SANDBOX"),
                  "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
                  "Wechatpay-Signature": base64.b64encode(signature).decode()}


_tokens = {}


def shopper(user_id):
    """Authorization header of a demo shopper; tokens are reused until close to their expiry."""
    token, expires = _tokens.get(user_id, (None, 0))
    if time.time() > expires - 60:
        token = sign_token(os.environ["SHOPPER_KEY"], SHOPPER_ISSUER, user_id)
        _tokens[user_id] = (token, time.time() + 3600)
    return {"Authorization": "Bearer " + token}


def operator():
    credential = base64.b64encode(f"operator:{os.environ['OPERATOR_PASSWORD']}".encode()).decode()
    return {"Authorization": "Basic " + credential}


def call(method, url, body=None, headers=None, raw=None, content_type="application/json", timeout=15):
    data = raw.encode() if raw is not None else (None if body is None else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
            return response.status, (json.loads(text) if text and text[:1] in b"{[" else None)
    except urllib.error.HTTPError as e:
        text = e.read()
        return e.code, (json.loads(text) if text and text[:1] in b"{[" else None)


def expect(method, url, body=None, headers=None, timeout=30):
    """`call` for a script that cannot go on after an error: the parsed answer, or exit with the error."""
    status, answer = call(method, url, body, headers, timeout=timeout)
    if status >= 400:
        raise SystemExit(f"{method} {url} answered {status}: {answer}")
    return answer


def demo(order_url, payment_url, sandbox_url, user="demo-user", wait_seconds=30):
    """One order paid end to end through the public APIs, as the README shows it: created by a demo
    shopper, a WeChat trade opened, paid on the sandbox, awaited PAID; the order printed. False when
    it did not end PAID."""
    auth = shopper(user)
    status, order = call("POST", f"{order_url}/api/orders",
                         {"userId": user, "items": [{"skuCode": "SKU-KEYBOARD", "quantity": 1}]},
                         {"Idempotency-Key": f"demo-{uuid.uuid4()}", **auth})
    if status != 201:
        raise SystemExit(f"creating the order answered {status}: {order}")
    status, payment = call("POST", f"{payment_url}/api/payments", {"orderNo": order["orderNo"], "channel": "WECHAT"},
                           auth)
    if status != 201:
        raise SystemExit(f"starting the payment answered {status}: {payment}")
    print(f"== order {order['orderNo']} created; WeChat trade {payment['outTradeNo']} opened; "
          "the shopper pays on the sandbox", file=sys.stderr)
    call("POST", f"{sandbox_url}/sandbox/wechat/trades/{payment['outTradeNo']}/pay")
    deadline = time.time() + wait_seconds
    while time.time() < deadline:
        status, order = call("GET", f"{order_url}/api/orders/{order['orderNo']}", headers=auth)
        if status == 200 and order["status"] == "PAID":
            break
        time.sleep(0.2)
    print(f"== GET {order_url}/api/orders/{order['orderNo']}", file=sys.stderr)
    print(json.dumps(order, indent=2))
    return order.get("status") == "PAID"


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "token":
        print(sign_token(os.environ["SHOPPER_KEY"], SHOPPER_ISSUER, sys.argv[2],
                         int(sys.argv[3]) if len(sys.argv) > 3 else 3600))
    elif len(sys.argv) == 5 and sys.argv[1] == "demo":
        sys.exit(0 if demo(*sys.argv[2:5]) else "the demo order did not end PAID")
    else:
        sys.exit(__doc__)
