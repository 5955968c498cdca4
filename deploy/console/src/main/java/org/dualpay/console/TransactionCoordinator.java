package org.dualpay.console;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The Seata TC's own console API (2.0: {@code POST /api/v1/auth/login}, then
 * {@code GET /api/v1/console/globalSession/query?withBranch=true} with the token it gave): the global
 * transactions the TC still holds, each with its branches, live while they are open. The TC forgets
 * a transaction once it is finished; after that its story is in the services' records.
 */
@Component
public class TransactionCoordinator {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    /** Seata's GlobalStatus codes. */
    private static final Map<Integer, String> GLOBAL = Map.ofEntries(Map.entry(0, "UnKnown"), Map.entry(1, "Begin"),
            Map.entry(2, "Committing"), Map.entry(3, "CommitRetrying"), Map.entry(4, "Rollbacking"),
            Map.entry(5, "RollbackRetrying"), Map.entry(6, "TimeoutRollbacking"), Map.entry(7, "TimeoutRollbackRetrying"),
            Map.entry(8, "AsyncCommitting"), Map.entry(9, "Committed"), Map.entry(10, "CommitFailed"),
            Map.entry(11, "Rollbacked"), Map.entry(12, "RollbackFailed"), Map.entry(13, "TimeoutRollbacked"),
            Map.entry(14, "TimeoutRollbackFailed"), Map.entry(15, "Finished"), Map.entry(16, "CommitRetryTimeout"),
            Map.entry(17, "RollbackRetryTimeout"));
    /** Seata's BranchStatus codes. */
    private static final Map<Integer, String> BRANCH = Map.ofEntries(Map.entry(0, "Unknown"), Map.entry(1, "Registered"),
            Map.entry(2, "PhaseOne_Done"), Map.entry(3, "PhaseOne_Failed"), Map.entry(4, "PhaseOne_Timeout"),
            Map.entry(5, "PhaseTwo_Committed"), Map.entry(6, "PhaseTwo_CommitFailed_Retryable"),
            Map.entry(7, "PhaseTwo_CommitFailed_Unretryable"), Map.entry(8, "PhaseTwo_Rollbacked"),
            Map.entry(9, "PhaseTwo_RollbackFailed_Retryable"), Map.entry(10, "PhaseTwo_RollbackFailed_Unretryable"));

    private final RestClient tc;
    private final ConsoleProperties properties;
    private volatile String token;
    private volatile Instant tokenUntil = Instant.MIN;

    TransactionCoordinator(ConsoleProperties properties) {
        this.properties = properties;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.tc = RestClient.builder().requestFactory(requests).baseUrl(properties.seataConsoleUrl()).build();
    }

    /** The global transactions the TC holds now (all, or the one with this XID), with their branches. */
    public Services.Part<List<Map<String, Object>>> open(String xid) {
        try {
            Map<String, Object> page = query(xid);
            if (page != null && Boolean.FALSE.equals(page.get("success")) && String.valueOf(page.get("code")).equals("401")) {
                token = null;
                page = query(xid);
            }
            if (page == null || !(page.get("data") instanceof List<?> rows)) {
                return new Services.Part<>(null, 0, "the TC answered " + page);
            }
            List<Map<String, Object>> sessions = new ArrayList<>();
            for (Object row : rows) {
                Map<String, Object> session = new LinkedHashMap<>((Map<String, Object>) row);
                session.put("statusName", GLOBAL.getOrDefault(number(session.get("status")), "?"));
                session.put("began", time(session.get("beginTime")));
                List<Map<String, Object>> branches = new ArrayList<>();
                if (session.get("branchSessionVOs") instanceof List<?> found) {
                    for (Object b : found) {
                        Map<String, Object> branch = new LinkedHashMap<>((Map<String, Object>) b);
                        branch.put("statusName", BRANCH.getOrDefault(number(branch.get("status")), "?"));
                        branches.add(branch);
                    }
                }
                session.put("branches", branches);
                sessions.add(session);
            }
            return Services.Part.of(sessions);
        } catch (RestClientResponseException e) {
            token = null;
            return new Services.Part<>(null, e.getStatusCode().value(), "the TC's console answered " + e.getStatusCode());
        } catch (RuntimeException e) {
            return new Services.Part<>(null, 0, "the TC's console at " + properties.seataConsoleUrl() + ": " + e.getMessage());
        }
    }

    private Map<String, Object> query(String xid) {
        return tc.get().uri(u -> {
            u.path("/api/v1/console/globalSession/query").queryParam("pageNum", 1).queryParam("pageSize", 50)
                    .queryParam("withBranch", true);
            if (xid != null) {
                u.queryParam("xid", xid);
            }
            return u.build();
        }).header("Authorization", token()).retrieve().body(OBJECT);
    }

    /** The console's token ("Bearer ..."), asked for again before it expires (30 minutes on the TC). */
    private String token() {
        if (token == null || Instant.now().isAfter(tokenUntil)) {
            Map<String, Object> login = tc.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("username", properties.seataConsoleUser(), "password", properties.seataConsolePassword()))
                    .retrieve().body(OBJECT);
            if (login == null || !(login.get("data") instanceof String value) || value.isBlank()) {
                throw new IllegalStateException("the TC's console refused the login: " + login);
            }
            token = value;
            tokenUntil = Instant.now().plus(Duration.ofMinutes(20));
        }
        return token;
    }

    private static int number(Object value) {
        if (value instanceof String text && text.matches("\\d{1,9}")) {
            return Integer.parseInt(text);
        }
        return value instanceof Number n ? n.intValue() : -1;
    }

    /** Epoch milliseconds, a number or (the TC's console writes longs as strings) its digits. */
    private static String time(Object epochMillis) {
        if (epochMillis instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue()).toString();
        }
        if (epochMillis instanceof String text && text.matches("\\d{1,19}")) {
            return Instant.ofEpochMilli(Long.parseLong(text)).toString();
        }
        return "";
    }
}
