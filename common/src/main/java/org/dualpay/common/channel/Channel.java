package org.dualpay.common.channel;

/** The payment channels a shopper can pay with. */
public enum Channel {
    WECHAT,
    ALIPAY
}
