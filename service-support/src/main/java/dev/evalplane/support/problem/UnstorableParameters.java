package dev.evalplane.support.problem;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.evalplane.events.StoredText;
import dev.evalplane.support.error.InvalidInputException;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * A path or query parameter holding text PostgreSQL cannot store (NUL, a lone surrogate) is refused with a 400 naming
 * it, before any resource method runs (issue 12 item 7: it used to reach the database and come back as a 500). Off
 * with the problem mappers: the gateway stores nothing and checks its request targets itself.
 */
@IfBuildProperty(name = "evalplane.problem-mappers.enabled", stringValue = "true", enableIfMissing = true)
public class UnstorableParameters {

    @ServerRequestFilter
    public void refuse(UriInfo uri) {
        String bad = first(uri.getPathParameters(), "path");
        if (bad == null) {
            bad = first(uri.getQueryParameters(), "query");
        }
        if (bad != null) {
            throw new InvalidInputException("invalid-parameter", "Invalid parameter", bad);
        }
    }

    private static String first(MultivaluedMap<String, String> parameters, String kind) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (StoredText.needsCleaning(p.getKey()) || p.getValue().stream().anyMatch(StoredText::needsCleaning)) {
                return kind + " parameter " + StoredText.clean(p.getKey())
                        + " contains a NUL character or a lone surrogate, which cannot be stored";
            }
        }
        return null;
    }
}
