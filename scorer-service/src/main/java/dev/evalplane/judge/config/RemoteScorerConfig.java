package dev.evalplane.judge.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which hosts remote scorers may call, and how much of an answer is read (README "Remote scorers"). */
@ConfigMapping(prefix = "evalplane.remote-scorers")
public interface RemoteScorerConfig {

    /**
     * Host names ({@code scorer.example.com}, {@code *.example.com}), IP addresses or CIDR ranges, each with an
     * optional {@code :port} ({@code [v6]:port} for IPv6). Unset: remote scorers are refused.
     */
    Optional<List<String>> allowedHosts();

    /** Largest answer body read from a remote scorer; a longer one is cut off and becomes error feedback. */
    @WithDefault("1048576")
    int maxResponseBytes();
}
