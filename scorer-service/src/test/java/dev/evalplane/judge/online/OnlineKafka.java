package dev.evalplane.judge.online;

import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.TopicClient;

/** The online scoring consumer as the tests see it on the test broker. */
final class OnlineKafka {

    static final String GROUP = "scorer-service-online";

    /** Records of {@code spans} the online consumer group has not committed yet. */
    static long uncommitted() {
        return TopicClient.onTestBroker().uncommitted(GROUP, Topics.SPANS);
    }

    private OnlineKafka() {
    }
}
