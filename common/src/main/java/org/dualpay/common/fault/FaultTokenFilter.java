package org.dualpay.common.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.dualpay.common.error.ProblemAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** Requires the {@code X-Fault-Token} header on every request to {@code /actuator/faults}. */
public class FaultTokenFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Fault-Token";

    private final byte[] token;
    private final ObjectMapper json;

    public FaultTokenFilter(String token, ObjectMapper json) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/faults");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        if (given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), ProblemAdvice.problem(HttpStatus.UNAUTHORIZED,
                "FAULT_TOKEN_REQUIRED", "Arming fault points needs the " + HEADER + " header."));
    }
}
