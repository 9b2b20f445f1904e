package io.switchboard.platform.problem;

/** Thrown to answer a request with a problem document; nothing the request started is committed. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** 404 for a resource that does not exist or belongs to another account: the two are not told apart. */
    public static ProblemException notFound(String what, String id) {
        return new ProblemException(
                Problem.of(404, "not-found", what + " not found", what + " '" + id + "' does not exist")
                        .with("resource", what)
                        .with("id", id));
    }

    public static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(Problem.of(400, slug, title, detail));
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(409, slug, title, detail));
    }
}
