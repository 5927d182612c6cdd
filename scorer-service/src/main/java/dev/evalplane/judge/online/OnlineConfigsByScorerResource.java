package dev.evalplane.judge.online;

import java.util.List;

import dev.evalplane.events.http.OnlineConfigList;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/online-configs?scorer_id=..&scorer_id=..}: the online configs (started and stopped) of registered
 * scorers named by their registry id, across experiments: what the gateway's MLflow {@code scorers/online-configs}
 * answers from. Not proxied by the gateway under /api/v1 (docs/SERVICE_API.md).
 */
@Path("/api/v1/online-configs")
@Produces(MediaType.APPLICATION_JSON)
public class OnlineConfigsByScorerResource {

    static final int MAX_IDS = 1000;
    static final int MAX_ID_LENGTH = 200;

    private final OnlineScoringService service;

    public OnlineConfigsByScorerResource(OnlineScoringService service) {
        this.service = service;
    }

    @GET
    public Uni<OnlineConfigList> byScorerIds(@RestQuery("scorer_id") List<String> scorerIds) {
        if (scorerIds == null || scorerIds.isEmpty()) {
            throw OnlineScoringRequest.invalid("scorer_id is required: one or more registry scorer ids");
        }
        if (scorerIds.size() > MAX_IDS) {
            throw OnlineScoringRequest.invalid("at most " + MAX_IDS + " scorer_id values, got " + scorerIds.size());
        }
        for (String id : scorerIds) {
            if (id.isBlank() || id.length() > MAX_ID_LENGTH || id.indexOf('\0') >= 0) {
                throw OnlineScoringRequest.invalid("each scorer_id must be 1 to " + MAX_ID_LENGTH
                        + " characters without NUL");
            }
        }
        return service.byScorerIds(scorerIds).map(OnlineConfigList::new);
    }
}
