package fr.cpa.gateway.domain;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Where one service lives and who may reach it through the gateway. The gateway only checks the coarse role;
 * each service checks again who may see which object.
 */
public record RoutePolicy(String service, URI target, Set<String> roles, List<PublicPath> publicPaths) {

    /** A path that needs no token, for one method or all ({@code method == null}). */
    public record PublicPath(String method, String path, boolean prefix) {

        /** Parses {@code "POST /api/identity/registrations"}, {@code "/api/catalogue/offers*"}. */
        public static PublicPath parse(String spec) {
            String s = spec.trim();
            String method = null;
            int space = s.indexOf(' ');
            if (space > 0) {
                method = s.substring(0, space).toUpperCase();
                s = s.substring(space + 1).trim();
            }
            boolean prefix = s.endsWith("*");
            return new PublicPath(method, prefix ? s.substring(0, s.length() - 1) : s, prefix);
        }

        boolean matches(String requestMethod, String requestPath) {
            if (method != null && !method.equals(requestMethod)) {
                return false;
            }
            return prefix ? requestPath.startsWith(path) : requestPath.equals(path);
        }
    }

    public boolean isPublic(String method, String path) {
        for (PublicPath p : publicPaths) {
            if (p.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    /** True when the caller's roles satisfy this route: one of its roles, or any role when the route names none. */
    public boolean allows(Set<String> callerRoles) {
        if (roles.isEmpty()) {
            return true;
        }
        for (String role : callerRoles) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
