package org.dualpay.order.infrastructure;

import java.time.Instant;

public class TimelineRow {

    public String orderNo;
    public String fromStatus;
    public String toStatus;
    public String reason;
    public String detail;
    public String xid;
    public Instant createdAt;
}
