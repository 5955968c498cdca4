#!/usr/bin/env bash
# The channels' keys of one cluster or stack, sourced by deploy/local/cluster.sh and
# deploy/docker/secrets.sh: each platform's RSA key pair (the sandbox signs with the private key,
# payment-service verifies with the public one), the merchant's RSA key pair per channel
# (payment-service signs its API requests with the private key, the sandbox checks them with the
# public one) and the merchant's APIv3 key WeChat Pay encrypts notifies with. Keys are one-line Base64 of their DER encoding (PKCS#8 private, X.509 public), the
# form the channels' consoles hand out. Never published: generated here, kept in the git-ignored file.
#
#   append_channel_keys FILE   appends to FILE whichever of the names below it does not hold yet
CHANNEL_KEY_NAMES="WECHAT_APIV3_KEY WECHAT_PLATFORM_PRIVATE_KEY WECHAT_PLATFORM_PUBLIC_KEY ALIPAY_PLATFORM_PRIVATE_KEY ALIPAY_PLATFORM_PUBLIC_KEY WECHAT_MERCHANT_PRIVATE_KEY WECHAT_MERCHANT_PUBLIC_KEY ALIPAY_MERCHANT_PRIVATE_KEY ALIPAY_MERCHANT_PUBLIC_KEY"

_rsa_private_key() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -outform DER | base64 -w0
}

_rsa_public_key() { printf %s "$1" | base64 -d | openssl pkey -inform DER -pubout -outform DER 2>/dev/null | base64 -w0; }

append_channel_keys() {
  local file=$1 channel party private
  command -v openssl >/dev/null || { echo "the channels' keys need openssl (apt-get install openssl)" >&2; return 1; }
  (
    umask 077
    if ! grep -q '^WECHAT_APIV3_KEY=' "$file" 2>/dev/null; then
      echo "WECHAT_APIV3_KEY=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)" >>"$file"
    fi
    for channel in WECHAT ALIPAY; do
      for party in PLATFORM MERCHANT; do
        grep -q "^${channel}_${party}_PRIVATE_KEY=" "$file" 2>/dev/null && continue
        private=$(_rsa_private_key)
        [ -n "$private" ] || { echo "openssl could not make an RSA key" >&2; return 1; }
        echo "${channel}_${party}_PRIVATE_KEY=$private" >>"$file"
        echo "${channel}_${party}_PUBLIC_KEY=$(_rsa_public_key "$private")" >>"$file"
      done
    done
  )
}

# renew_tc_token_key FILE: the TC console's token key (SEATA_SECRET_KEY) must hold at least 256 bits once
# Base64-decoded (jjwt refuses a weaker HS256 key, and the TC's console then answers every login 500 and
# every query 401); a key shorter than 64 Base64 characters (earlier clusters had 40: 240 bits) is
# replaced in place. It signs console logins only, so a new one costs nothing but those.
renew_tc_token_key() {
  local file=$1 current
  current=$(sed -n 's/^SEATA_SECRET_KEY=//p' "$file" | head -n 1)
  [ -n "$current" ] && [ ${#current} -lt 64 ] || return 0
  local fresh
  fresh=$(head -c 96 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 64)
  sed -i "s/^SEATA_SECRET_KEY=.*/SEATA_SECRET_KEY=$fresh/" "$file"
  echo "renewed SEATA_SECRET_KEY in $file (it was shorter than 256 bits)" >&2
}
