package dev.evalplane.events.http;

import java.util.List;

/** scorer-service's {@code GET /api/v1/online-configs?scorer_id=...}: the configs found (scorers without one are left out). */
public record OnlineConfigList(List<OnlineConfigView> configs) {
}
