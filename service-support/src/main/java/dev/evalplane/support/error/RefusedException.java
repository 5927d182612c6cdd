package dev.evalplane.support.error;

/**
 * A request the domain refuses, said in the domain's words: a {@code slug} naming the kind of problem (the last part
 * of the problem {@code type}), a short {@code title} and the message naming what was wrong. The service layer throws
 * these; the REST layer turns them into problem+json ({@code ProblemMappers}), so no service class knows HTTP.
 */
public abstract sealed class RefusedException extends RuntimeException
        permits InvalidInputException, NotFoundException, ConflictException, UnavailableException {

    private final String slug;
    private final String title;

    protected RefusedException(String slug, String title, String detail) {
        super(detail);
        this.slug = slug;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }
}
