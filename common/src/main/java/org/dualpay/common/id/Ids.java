package org.dualpay.common.id;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Business numbers: a prefix, the UTC time to the millisecond, a per-process node tag and a
 * counter, for example {@code ORD20261122223914123K7QX0042}. They sort by creation time, are unique
 * across instances (a random node tag drawn at start-up plus a counter that only wraps after
 * 10,000 numbers within one millisecond) and never expose a database id. Every column that holds
 * one is also unique in its table, so a collision would be refused, never merged.
 */
public final class Ids {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String NODE = randomNode();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Ids() {
    }

    public static String next(String prefix) {
        int sequence = Math.floorMod(COUNTER.getAndIncrement(), 10_000);
        return prefix + TIME.format(Instant.now()) + NODE + String.format("%04d", sequence);
    }

    private static String randomNode() {
        SecureRandom random = new SecureRandom();
        StringBuilder node = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            node.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return node.toString();
    }
}
