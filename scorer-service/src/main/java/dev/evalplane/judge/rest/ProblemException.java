package dev.evalplane.judge.rest;

/** An HTTP error reported as {@code application/problem+json} (RFC 9457). */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String type;

    public ProblemException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "invalid-evaluation-request", "Invalid evaluation request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "run-not-found", "Evaluation run not found", detail);
    }

    public static ProblemException invalidScorer(String detail) {
        return new ProblemException(400, "invalid-scorer", "Invalid scorer", detail);
    }

    /** The same kind of problem as the service's {@code Refusals.invalidOnlineScoring}, for a body it cannot bind. */
    public static ProblemException invalidOnlineScoring(String detail) {
        return new ProblemException(400, "invalid-online-scoring", "Invalid online scoring settings", detail);
    }

    public static ProblemException scorerNotFound(String detail) {
        return new ProblemException(404, "scorer-not-found", "Scorer not found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A URI naming the kind of problem. */
    public String type() {
        return "https://evalplane.dev/problems/" + type;
    }
}
