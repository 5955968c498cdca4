package org.dualpay.order.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.dualpay.common.error.RemoteProblemException;
import org.dualpay.common.id.Ids;
import org.dualpay.order.domain.Order;
import org.dualpay.order.domain.OrderLine;
import org.dualpay.order.domain.OrderStatus;
import org.dualpay.order.infrastructure.InventoryClient;
import org.dualpay.order.infrastructure.OrderRow;
import org.dualpay.order.infrastructure.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates an order once per {@code Idempotency-Key}. The same key with the same request gives back the
 * order it created; the same key with another request is refused. Prices and names come from
 * inventory at creation and stay on the order. Stock is only checked here (a soft check); it is
 * deducted when the order is paid.
 */
@Service
public class PlaceOrder {

    private static final Logger log = LoggerFactory.getLogger(PlaceOrder.class);

    public record Line(String skuCode, int quantity) {
    }

    /** @param paymentTimeout how long the order waits for payment; null for the shop's default */
    public record Command(String idempotencyKey, String userId, List<Line> lines, Duration paymentTimeout) {
    }

    public sealed interface Outcome {
        record Created(Order order) implements Outcome {
        }

        record Repeated(Order order) implements Outcome {
        }

        record KeyReused(String idempotencyKey) implements Outcome {
        }

        record UnknownSku(String skuCode) implements Outcome {
        }

        record InsufficientStock(String skuCode, int requested, int available) implements Outcome {
        }
    }

    private final OrderStore store;
    private final InventoryClient inventory;
    private final TransactionTemplate transaction;
    private final OrderProperties properties;
    private final Clock clock;

    public PlaceOrder(OrderStore store, InventoryClient inventory, TransactionTemplate transaction,
            OrderProperties properties, Clock clock) {
        this.store = store;
        this.inventory = inventory;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    public Outcome place(Command command) {
        String hash = requestHash(command);
        Outcome earlier = earlierOutcome(command.idempotencyKey(), hash);
        if (earlier != null) {
            return earlier;
        }
        List<OrderLine> lines = new ArrayList<>();
        for (Line line : command.lines()) {
            InventoryClient.SkuView sku;
            try {
                sku = inventory.sku(line.skuCode());
            } catch (RemoteProblemException e) {
                if (e.status() == 404) {
                    return new Outcome.UnknownSku(line.skuCode());
                }
                throw e;
            }
            if (sku.stock() < line.quantity()) {
                return new Outcome.InsufficientStock(sku.skuCode(), line.quantity(), sku.stock());
            }
            lines.add(new OrderLine(sku.skuCode(), sku.name(), sku.price(), line.quantity()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OrderRow row = new OrderRow();
        row.orderNo = Ids.next("ORD");
        row.userId = command.userId();
        row.status = OrderStatus.PENDING_PAYMENT;
        row.totalAmount = lines.stream().mapToLong(OrderLine::amount).reduce(0, Math::addExact);
        row.currency = "CNY";
        row.expireAt = now.plus(command.paymentTimeout() == null ? properties.paymentTtl() : command.paymentTimeout());
        row.idempotencyKey = command.idempotencyKey();
        row.requestHash = hash;
        row.createdAt = now;
        row.updatedAt = now;
        try {
            transaction.executeWithoutResult(status -> store.insert(row, lines));
        } catch (DuplicateKeyException raced) {
            // Another request with the same key won the insert a moment ago.
            Outcome winner = earlierOutcome(command.idempotencyKey(), hash);
            if (winner != null) {
                return winner;
            }
            throw raced;
        }
        log.info("order {} created for user {}: {} fen, expires {}", row.orderNo, row.userId, row.totalAmount,
                row.expireAt);
        return new Outcome.Created(store.find(row.orderNo).orElseThrow());
    }

    private Outcome earlierOutcome(String key, String hash) {
        return store.findByIdempotencyKey(key)
                .<Outcome>map(existing -> existing.requestHash.equals(hash)
                        ? new Outcome.Repeated(store.find(existing.orderNo).orElseThrow())
                        : new Outcome.KeyReused(key))
                .orElse(null);
    }

    /** The request's meaning, independent of the order of its lines. */
    static String requestHash(Command command) {
        StringBuilder canonical = new StringBuilder(command.userId());
        command.lines().stream().sorted(Comparator.comparing(Line::skuCode))
                .forEach(line -> canonical.append('\n').append(line.skuCode()).append('*').append(line.quantity()));
        canonical.append('\n').append(command.paymentTimeout());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
