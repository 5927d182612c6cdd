package dev.evalplane.judge.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.evalplane.events.AssessmentError;
import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.provider.ChatRequest;
import dev.evalplane.judge.provider.ChatResponse;
import dev.evalplane.judge.provider.LlmAttempt;
import dev.evalplane.judge.provider.LlmProvider;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.provider.ToolCall;
import dev.evalplane.judge.provider.ToolExchange;
import dev.evalplane.judge.provider.ToolResult;
import dev.evalplane.judge.scorer.BoundedRegex;
import dev.evalplane.judge.scorer.JudgeTask;
import dev.evalplane.judge.tools.JudgeTools;
import dev.evalplane.judge.tracing.EpochNanos;
import dev.evalplane.judge.tracing.ToolInvocation;
import dev.evalplane.judge.tracing.TraceView;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a judge task to its answer. A single-call judge is one provider call (with retries). An agent judge (MLflow's
 * trace mode) loops: each round sends the prompt, the tools and the tool exchanges so far; tool calls in the answer
 * are run over the evaluated trace and sent back; an answer without tool calls ends the loop. At most
 * {@code max-tool-rounds} rounds (then REQUEST_LIMIT_EXCEEDED); tool results are cut and old exchanges dropped to stay
 * within the context budget ({@link ToolContext}). Tools run on a worker thread; the judgement's regex searches share
 * one time budget, past which it ends with REGEX_TIME_LIMIT_EXCEEDED. Every round's attempts and every tool call are
 * kept for the trace.
 */
@ApplicationScoped
public class AgentJudgeLoop {

    public static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    public static final String REGEX_TIME_LIMIT_EXCEEDED = "REGEX_TIME_LIMIT_EXCEEDED";

    private final JudgeCaller caller;
    private final int maxRounds;
    private final int resultMaxChars;
    private final int contextMaxChars;
    private final Duration regexTimePerJudgement;

    public AgentJudgeLoop(JudgeCaller caller, JudgeConfig config) {
        this.caller = caller;
        this.regexTimePerJudgement = config.regexTimePerJudgement();
        this.maxRounds = config.maxToolRounds();
        this.resultMaxChars = config.toolResultMaxChars();
        this.contextMaxChars = config.toolContextMaxChars();
    }

    public Uni<CallResult> run(RunContext ctx, LlmProvider provider, ModelUri model, String scorer, JudgeTask task) {
        if (!task.agentic()) {
            return caller.call(ctx.limiter(), provider, model, task.prompt());
        }
        Conversation c = new Conversation(scorer, task.prompt().withTools(JudgeTools.definitions()),
                TraceView.of(task.trace()), BoundedRegex.Budget.of(regexTimePerJudgement, "judgement"));
        return round(ctx, provider, model, c, 0);
    }

    private Uni<CallResult> round(RunContext ctx, LlmProvider provider, ModelUri model, Conversation c, int round) {
        List<ToolExchange> sent = ToolContext.fit(c.prompt, c.exchanges, contextMaxChars);
        if (sent.size() < c.exchanges.size()) {
            Log.debugf("judge %s round %d: dropped the %d oldest tool exchanges to stay within %d characters", c.scorer,
                    round, c.exchanges.size() - sent.size(), contextMaxChars);
        }
        return caller.call(ctx.limiter(), provider, model, c.prompt.withExchanges(sent), round).chain(result -> {
            c.attempts.addAll(result.attempts());
            ChatResponse answer = result.response();
            if (result.failure() != null || !answer.wantsTools()) {
                return Uni.createFrom().item(c.finish(answer, result, null));
            }
            if (round + 1 >= maxRounds) {
                return Uni.createFrom().item(c.finish(null, result, new AssessmentError(REQUEST_LIMIT_EXCEEDED,
                        "the judge still asked for tools after " + maxRounds + " rounds (evalplane.judge.max-tool-rounds);"
                                + " a stronger judge model may need fewer")));
            }
            // tools run on a worker thread: search_trace_regex matches a regex the model wrote
            return Uni.createFrom().item(() -> runTools(c, answer, round))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(exchange -> {
                        if (c.regexError != null) {
                            return Uni.createFrom().item(c.finish(null, result, c.regexError));
                        }
                        c.exchanges.add(exchange);
                        return round(ctx, provider, model, c, round + 1);
                    });
        });
    }

    private ToolExchange runTools(Conversation c, ChatResponse answer, int round) {
        List<ToolResult> results = new ArrayList<>();
        for (int i = 0; i < answer.toolCalls().size(); i++) {
            ToolCall call = answer.toolCalls().get(i);
            Log.debugf("judge %s round %d: tool %s(%s)", c.scorer, round, call.name(), call.arguments());
            long start = EpochNanos.now();
            JudgeTools.Outcome outcome;
            try {
                outcome = JudgeTools.invoke(c.trace, call, c.regexBudget);
            } catch (BoundedRegex.TooSlowException e) {
                outcome = JudgeTools.failure(e.getMessage());
                c.regexError = new AssessmentError(REGEX_TIME_LIMIT_EXCEEDED, call.name() + ": " + e.getMessage());
            }
            String content = ToolContext.cut(outcome.content(), resultMaxChars);
            c.tools.add(new ToolInvocation(round, i, call.id(), call.name(), call.arguments(), outcome.output(), content,
                    outcome.failed(), start, EpochNanos.now()));
            results.add(new ToolResult(call.id(), call.name(), content));
            if (c.regexError != null) {
                break;
            }
        }
        return new ToolExchange(answer.text(), answer.toolCalls(), results);
    }

    /** The state of one agent judgement. */
    private static final class Conversation {
        final String scorer;
        final ChatRequest prompt;
        final TraceView trace;
        final List<ToolExchange> exchanges = new ArrayList<>();
        final List<LlmAttempt> attempts = new ArrayList<>();
        final List<ToolInvocation> tools = new ArrayList<>();
        final BoundedRegex.Budget regexBudget;
        AssessmentError regexError;

        Conversation(String scorer, ChatRequest prompt, TraceView trace, BoundedRegex.Budget regexBudget) {
            this.scorer = scorer;
            this.prompt = prompt;
            this.trace = trace;
            this.regexBudget = regexBudget;
        }

        CallResult finish(ChatResponse answer, CallResult last, AssessmentError loopError) {
            return new CallResult(answer, last.failure(), List.copyOf(attempts), List.copyOf(tools), loopError);
        }
    }
}
