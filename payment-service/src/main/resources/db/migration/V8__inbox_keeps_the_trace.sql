-- A stored notify keeps the trace of the delivery that brought it (its W3C traceparent, README "Traces"):
-- when the inbox worker processes it later, the global transaction joins the payment's trace instead of
-- starting one of its own. Rows from before this column (and payments learnt by a query outside any
-- request) have none.
ALTER TABLE notify_inbox ADD COLUMN trace_parent VARCHAR(64) NULL AFTER anomaly;
