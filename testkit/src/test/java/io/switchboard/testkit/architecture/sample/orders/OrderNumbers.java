package io.switchboard.testkit.architecture.sample.orders;

/** Public, but used only in its own package: the rule wants it package-private. */
public class OrderNumbers {

    static String next() {
        return "1";
    }

    String use() {
        return next();
    }
}
