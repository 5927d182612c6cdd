package dev.evalplane.judge.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A deployment with the operator defaults for remote scorers (no host allowed) and a Kafka producer that takes
 * records of at most 64 KiB for {@code spans}, while data rows of up to 512 KiB pass the door: a row whose trace Kafka
 * refuses is lost, which the run must say.
 */
public class StrictLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("%test.evalplane.remote-scorers.allowed-hosts", "",
                "mp.messaging.outgoing.spans.max.request.size", "65536");
    }
}
