package dev.evalplane.gateway.client;

/** The services behind the gateway. */
public enum Upstream {
    TRACE_SERVICE("trace-service"), SCORER_SERVICE("scorer-service"), COST_SERVICE("cost-service");

    private final String serviceName;

    Upstream(String serviceName) {
        this.serviceName = serviceName;
    }

    public String serviceName() {
        return serviceName;
    }
}
