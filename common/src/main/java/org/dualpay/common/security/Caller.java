package org.dualpay.common.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as Spring Security authenticated them: a shopper (a bearer token naming the user),
 * one of the cluster's services, or an operator. Shoppers see and change only what is theirs; a
 * service or an operator may read anything.
 */
public final class Caller {

    public static final String SHOPPER = "ROLE_SHOPPER";
    public static final String SERVICE = "ROLE_SERVICE";
    public static final String OPERATOR = "ROLE_OPERATOR";

    private Caller() {
    }

    /** The shopper's user id, when the caller is a shopper. */
    public static Optional<String> shopper() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return has(auth, SHOPPER) ? Optional.of(auth.getName()) : Optional.empty();
    }

    /** Whether the caller may see what belongs to this user: the user themself, a service or an operator. */
    public static boolean mayRead(String ownerUserId) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return has(auth, SERVICE) || has(auth, OPERATOR) || (has(auth, SHOPPER) && auth.getName().equals(ownerUserId));
    }

    /** Whether the caller may act on what belongs to this user: the user themself, or a service. */
    public static boolean mayAct(String ownerUserId) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return has(auth, SERVICE) || (has(auth, SHOPPER) && auth.getName().equals(ownerUserId));
    }

    private static boolean has(Authentication auth, String role) {
        if (auth == null || !auth.isAuthenticated()) {
            return false;
        }
        for (GrantedAuthority authority : auth.getAuthorities()) {
            if (role.equals(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
