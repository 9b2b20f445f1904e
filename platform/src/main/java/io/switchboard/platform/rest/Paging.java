package io.switchboard.platform.rest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.switchboard.platform.problem.Problem;
import io.switchboard.platform.problem.ProblemException;

/** The paging every list endpoint takes: {@code page} from 0, {@code size} 1 to 500. */
public final class Paging {

    public static final int MAX_SIZE = 500;
    /** The deepest a list is read by offset: {@code page * size} at most this (a narrower filter reaches further). */
    public static final int MAX_OFFSET = 1_000_000;

    private Paging() {}

    /** 400 for a page before the first, a size outside 1 to 500, or a page that starts past {@link #MAX_OFFSET}. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw new ProblemException(Problem.invalidField("page", "is at least 0"));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ProblemException(Problem.invalidField("size", "is 1 to " + MAX_SIZE));
        }
        checkOffset(page, size);
    }

    /**
     * 400 for a page that starts past {@link #MAX_OFFSET} rows (for lists with limits of their own on page and size).
     */
    public static void checkOffset(int page, int size) {
        if ((long) page * size > MAX_OFFSET) {
            throw new ProblemException(Problem.invalidField(
                    "page",
                    "starts at most " + MAX_OFFSET + " rows in (page * size); narrow the list with its filters"));
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
