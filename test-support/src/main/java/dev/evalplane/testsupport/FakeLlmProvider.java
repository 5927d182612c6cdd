package dev.evalplane.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The one allowed fake: a local HTTP server speaking the real OpenAI Chat Completions
 * ({@code POST /v1/chat/completions}) and Anthropic Messages ({@code POST /v1/messages}) wire formats, with
 * {@code usage} (cached and reasoning details included), scripted errors, 429 with {@code Retry-After}, fixed
 * latency, tool calls ({@link FakeLlmReply#toolCalls}) and request capture. Point {@code OPENAI_BASE_URL} at {@link #openAiBaseUrl()} and
 * {@code ANTHROPIC_BASE_URL} at {@link #anthropicBaseUrl()}.
 * <p>
 * Replies come from the script ({@link #enqueue}) first, then from the responder ({@link #respondWith}), which
 * answers {@code {"result": "yes", ...}} by default. {@link #main} runs it as a labelled demo provider.
 */
public final class FakeLlmProvider implements AutoCloseable {

    public static final String DEMO_BANNER = "DEMO LLM PROVIDER - not a real model";

    /** Requests answered at once (each holds a thread for its latency): above any concurrency a test or bench uses. */
    static final int THREADS = 64;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "fake-llm");
        t.setDaemon(true);
        return t;
    });
    private final FakeLlmWire wire = new FakeLlmWire();
    private final Deque<FakeLlmReply> script = new ArrayDeque<>();
    private final List<FakeLlmRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<FakeLlmRequest, FakeLlmReply> responder = FakeLlmProvider::defaultReply;
    private volatile FakeUsage usage = FakeUsage.DEFAULT;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean requireApiKey;

    private FakeLlmProvider(int port) throws IOException {
        server = FakeHttp.server(port, THREADS);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * A labelled demo provider: deterministic, plausible verdicts of the type each prompt asks for (see
     * {@link DemoVerdicts}), usage that grows with the prompt. Not a real model; {@link #main} says so on start.
     */
    public static FakeLlmProvider demo(int port) {
        return start(port).respondWith(DemoVerdicts::reply);
    }

    /** Starts on a free port. */
    public static FakeLlmProvider start() {
        return start(0);
    }

    public static FakeLlmProvider start(int port) {
        try {
            return new FakeLlmProvider(port);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake LLM provider on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** OpenAI-style base URL (ends in {@code /v1}). */
    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Anthropic-style base URL (the client appends {@code /v1/messages}). */
    public String anthropicBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Replies used, in order, before the responder is asked. */
    /** The environment that points scorer-service's OpenAI and Anthropic providers at this fake. */
    public Map<String, String> providerEnvironment() {
        return Map.of("OPENAI_BASE_URL", openAiBaseUrl(), "OPENAI_API_KEY", "test-key-not-a-secret",
                "ANTHROPIC_BASE_URL", anthropicBaseUrl(), "ANTHROPIC_API_KEY", "test-key-not-a-secret");
    }

    public synchronized FakeLlmProvider enqueue(FakeLlmReply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    public FakeLlmProvider respondWith(Function<FakeLlmRequest, FakeLlmReply> newResponder) {
        this.responder = newResponder;
        return this;
    }

    /** Usage reported by replies that do not carry their own. */
    public FakeLlmProvider usage(FakeUsage newUsage) {
        this.usage = newUsage;
        return this;
    }

    /** Fixed latency added to every reply. */
    public FakeLlmProvider latency(Duration newLatency) {
        this.latency = newLatency;
        return this;
    }

    /** Answer 401 when the request carries no API key, as the real APIs do. */
    public FakeLlmProvider requireApiKey(boolean required) {
        this.requireApiKey = required;
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<FakeLlmRequest> requests() {
        return List.copyOf(requests);
    }

    /** Back to the defaults: empty script, default responder and usage, no latency, no captured requests. */
    public synchronized FakeLlmProvider reset() {
        script.clear();
        requests.clear();
        responder = FakeLlmProvider::defaultReply;
        usage = FakeUsage.DEFAULT;
        latency = Duration.ZERO;
        requireApiKey = false;
        return this;
    }

    private static FakeLlmReply defaultReply(FakeLlmRequest request) {
        return FakeLlmReply.verdict("yes", "The response satisfies the criteria.");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String api = path.endsWith("/chat/completions") ? FakeLlmWire.OPENAI
                    : path.endsWith("/v1/messages") ? FakeLlmWire.ANTHROPIC : null;
            if (api == null || !"POST".equals(exchange.getRequestMethod())) {
                FakeHttp.send(exchange, 404, "{\"error\":{\"message\":\"unknown route " + path + "\"}}", null);
                return;
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            FakeLlmRequest request;
            try {
                request = wire.parse(api, path, headers, exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                FakeHttp.send(exchange, 400, wire.error(api, 400), null);
                return;
            }
            requests.add(request);
            String wireError = wireError(api, headers);
            if (wireError != null) {
                int status = wireError.equals("key") ? 401 : 400;
                FakeHttp.send(exchange, status, wire.error(api, status), null);
                return;
            }
            FakeLlmReply reply = next(request);
            FakeHttp.sleep(latency.plus(reply.delay() == null ? Duration.ZERO : reply.delay()));
            if (reply.isError()) {
                FakeHttp.send(exchange, reply.status(), wire.error(api, reply.status()), reply.retryAfterSeconds());
            } else {
                FakeUsage u = reply.usage() != null ? reply.usage() : usage;
                FakeHttp.send(exchange, 200, wire.success(api, request.model(), reply, u), null);
            }
        }
    }

    private String wireError(String api, Map<String, String> headers) {
        if (FakeLlmWire.ANTHROPIC.equals(api) && !headers.containsKey("anthropic-version")) {
            return "version";
        }
        boolean hasKey = FakeLlmWire.ANTHROPIC.equals(api) ? headers.containsKey("x-api-key")
                : headers.getOrDefault("authorization", "").startsWith("Bearer ");
        return requireApiKey && !hasKey ? "key" : null;
    }

    private synchronized FakeLlmReply next(FakeLlmRequest request) {
        FakeLlmReply scripted = script.poll();
        return scripted != null ? scripted : responder.apply(request);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Runs the fake as a labelled demo provider: {@code --port N} (default 8099; {@code --demo} is accepted and is
     * the only mode). It answers deterministic, plausible
     * verdicts (see {@link DemoVerdicts}) and says on every start that it is not a real model. Stops on SIGTERM, or
     * when stdin closes if {@code --exit-on-stdin-eof} is given.
     */
    public static void main(String[] args) throws IOException {
        int port = 8099;
        boolean exitOnEof = false;
        for (int i = 0; i < args.length; i++) {
            if ("--port".equals(args[i]) && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else if ("--exit-on-stdin-eof".equals(args[i])) {
                exitOnEof = true;
            }
        }
        FakeLlmProvider demo = demo(port);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "fake-llm-stop"));
        System.out.println(DEMO_BANNER);
        System.out.println("FAKE_LLM_READY openai=" + demo.openAiBaseUrl() + " anthropic=" + demo.anthropicBaseUrl());
        System.out.flush();
        if (exitOnEof) {
            while (System.in.read() != -1) {
                // run until stdin closes
            }
            System.exit(0);
        }
    }
}
