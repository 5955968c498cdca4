package org.dualpay.common.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts are whole fen ({@code long}) everywhere inside the system. Only the Alipay-style notify
 * carries yuan with two decimals on the wire; these convert exactly, refusing anything that is not
 * a whole number of fen.
 */
public final class Money {

    private Money() {
    }

    public static String toYuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** @throws IllegalArgumentException when the text is not a non-negative amount with at most two decimals */
    public static long fromYuan(String yuan) {
        if (yuan == null || !yuan.matches("\\d{1,13}(\\.\\d{1,2})?")) {
            throw new IllegalArgumentException("not an amount in yuan: " + yuan);
        }
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }
}
