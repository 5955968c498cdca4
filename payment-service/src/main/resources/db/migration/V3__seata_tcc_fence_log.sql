-- Seata TCC fence (client 2.0.0): one row per TCC branch, guarding against empty rollback,
-- suspension and repeated phase two. status: 1 tried, 2 committed, 3 rolled back, 4 suspended.
CREATE TABLE IF NOT EXISTS tcc_fence_log (
    xid          VARCHAR(128) NOT NULL,
    branch_id    BIGINT       NOT NULL,
    action_name  VARCHAR(64)  NOT NULL,
    status       TINYINT      NOT NULL,
    gmt_create   DATETIME(3)  NOT NULL,
    gmt_modified DATETIME(3)  NOT NULL,
    PRIMARY KEY (xid, branch_id),
    KEY idx_tcc_fence_gmt_modified (gmt_modified),
    KEY idx_tcc_fence_status (status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
