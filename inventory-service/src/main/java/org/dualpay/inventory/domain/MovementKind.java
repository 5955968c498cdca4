package org.dualpay.inventory.domain;

public enum MovementKind {
    INITIAL,
    DEDUCT,
    RESTORE,
    SET
}
