package io.replicatedstore.datanode.util;

/**
 * Redis's glob-style matching (stringmatchlen) for KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET and
 * COMMAND LIST: {@code *}, {@code ?}, {@code [abc]}, {@code [^a-z]}, and {@code \} to escape.
 *
 * <p>Redis matches by recursion at each {@code *}, which took exponential time on patterns of
 * many stars before 7.0.9 (CVE-2022-36021). Every token but {@code *} consumes exactly one byte,
 * so the classic greedy walk that backtracks only to the last {@code *} gives the same answers
 * in O(pattern x string) time in the worst case, with no recursion and no allocation.
 *
 * <p>Redis's quirks are kept: the empty string matches only the empty pattern (not even
 * {@code *}); an unterminated {@code [} is a class running to the end of the pattern; a trailing
 * {@code \} is a literal backslash; {@code [a-]} is a range ending at {@code ]} that does not close
 * the class; range bounds compare as signed chars (bytes 0x80-0xff sort below 0); an escaped
 * byte inside a class ignores nocase; nocase folds ASCII letters only (the C locale).
 */
public final class GlobMatcher {

    private GlobMatcher() {
    }

    public static boolean matches(byte[] pattern, byte[] string) {
        return matches(pattern, string, false);
    }

    public static boolean matches(byte[] p, byte[] s, boolean nocase) {
        if (s.length == 0) {
            return p.length == 0;
        }
        int pi = 0;
        int si = 0;
        int starPattern = -1; // where the pattern resumes after the last '*' seen
        int starString = 0; // where the string stood when that '*' began to match
        while (si < s.length) {
            if (pi < p.length && p[pi] == '*') {
                while (pi < p.length && p[pi] == '*') {
                    pi++;
                }
                starPattern = pi;
                starString = si;
                continue;
            }
            int next = pi < p.length ? step(p, pi, s[si], nocase) : -1;
            if (next >= 0) {
                pi = next;
                si++;
            } else if (starPattern >= 0) {
                // Let the last '*' swallow one more byte and retry what follows it.
                starString++;
                si = starString;
                pi = starPattern;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }

    /**
     * Matches the single-byte token at {@code p[pi]} (not a {@code *}) against {@code c}:
     * the index after the token if it matches, else -1.
     */
    private static int step(byte[] p, int pi, byte c, boolean nocase) {
        switch (p[pi]) {
            case '?':
                return pi + 1;
            case '[':
                return stepClass(p, pi + 1, c, nocase);
            case '\\':
                if (pi + 1 < p.length) {
                    pi++;
                }
                return equal(p[pi], c, nocase) ? pi + 1 : -1;
            default:
                return equal(p[pi], c, nocase) ? pi + 1 : -1;
        }
    }

    /** A class whose body starts at {@code pi} (after the '['). */
    private static int stepClass(byte[] p, int pi, byte c, boolean nocase) {
        boolean not = pi < p.length && p[pi] == '^';
        if (not) {
            pi++;
        }
        boolean found = false;
        while (true) {
            if (pi >= p.length) {
                break; // unterminated: the class runs to the end of the pattern
            }
            if (p[pi] == '\\' && pi + 1 < p.length) {
                pi++;
                if (p[pi] == c) {
                    found = true;
                }
            } else if (p[pi] == ']') {
                pi++;
                break;
            } else if (pi + 2 < p.length && p[pi + 1] == '-') {
                // Bounds compare as C's signed char on x86, as Redis's do.
                int start = p[pi];
                int end = p[pi + 2];
                int ch = c;
                if (start > end) {
                    int t = start;
                    start = end;
                    end = t;
                }
                if (nocase) {
                    start = lower(start);
                    end = lower(end);
                    ch = lower(ch);
                }
                pi += 2;
                if (ch >= start && ch <= end) {
                    found = true;
                }
            } else if (equal(p[pi], c, nocase)) {
                found = true;
            }
            pi++;
        }
        return found != not ? pi : -1;
    }

    private static boolean equal(byte a, byte b, boolean nocase) {
        return a == b || nocase && lower(a) == lower(b);
    }

    /** tolower in the C locale: ASCII letters only. */
    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
