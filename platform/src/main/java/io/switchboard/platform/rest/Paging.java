package io.switchboard.platform.rest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;

/** The paging every list endpoint takes: {@code page} from 0, {@code size} 1 to 500. */
public final class Paging {

    public static final int MAX_SIZE = 500;

    private Paging() {
    }

    /** 400 for a page before the first or a size outside 1 to 500. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw new ProblemException(Problem.invalidField("page", "is at least 0"));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ProblemException(Problem.invalidField("size", "is 1 to " + MAX_SIZE));
        }
    }

    /**
     * The rows of page {@code page} and one more, which tells whether another page follows. The rows start at
     * {@code page * size}: a page of {@code size + 1} would start each page one row late per page before it.
     */
    public static <T> java.util.List<T> withNext(PanacheQuery<T> query, int page, int size) {
        int first = page * size;
        return query.range(first, first + size).list();
    }
}
