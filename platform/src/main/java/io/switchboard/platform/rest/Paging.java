package io.switchboard.platform.rest;

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
}
