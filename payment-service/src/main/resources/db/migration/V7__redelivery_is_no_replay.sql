-- A redelivery is not a replay. The guard remembers, with each nonce (WeChat: Wechatpay-Nonce;
-- Alipay: notify_id), a fingerprint of what the notify said (SHA-256 of the verified notice): a nonce
-- seen again with the same fingerprint is the channel delivering one notify again, answered from
-- the inbox; with another fingerprint it is a replay. Rows from before this column never match.
ALTER TABLE notify_nonce ADD COLUMN fingerprint CHAR(64) NULL AFTER nonce;
