package org.dualpay.payment.domain;

/** How a channel's payment reached us: its notify, or our asking (the active query, closing a trade). */
public enum NotifySource {
    NOTIFY,
    QUERY
}
