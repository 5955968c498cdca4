package org.dualpay.order.infrastructure;

import org.dualpay.order.domain.OrderStatus;
import java.time.Instant;

public class TimelineRow {

    public String orderNo;
    public OrderStatus fromStatus;
    public OrderStatus toStatus;
    public String reason;
    public String detail;
    public String xid;
    public Instant createdAt;
}
