package io.switchboard.platform.text;

/**
 * Text that comes from outside (a provider's error message, a WhatsApp profile name) and is stored or shown: cut to
 * the column it goes to and freed of control characters, which would break a log line, an e-mail header or a
 * terminal, and of NUL, which PostgreSQL refuses.
 */
public final class Texts {

    private static final String MORE = "...";

    private Texts() {}

    /** The text cut to at most {@code max} characters (never inside a surrogate pair); null stays null. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - MORE.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(end, 0)) + MORE;
    }

    /** Control characters (C0, DEL, C1; tabs and line breaks too) as spaces, runs of them as one; null stays null. */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
            } else {
                out.append(c);
                space = false;
            }
        }
        return out.toString();
    }

    /** Printable, then cut to fit: what a stored text from outside goes through. */
    public static String fit(String text, int max) {
        return cut(printable(text), max);
    }

    /** True when the text has a control character (a name or key a client sends is refused for it). */
    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
