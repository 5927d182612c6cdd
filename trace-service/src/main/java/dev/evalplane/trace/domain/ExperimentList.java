package dev.evalplane.trace.domain;

import java.util.List;

/** GET /api/v1/experiments. */
public record ExperimentList(List<ExperimentStats> experiments) {
}
