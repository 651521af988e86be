package se.remissvar.analysis;

/**
 * Lucene's SwedishLightStemmer (Jacques Savoy's light stemmer, Apache License 2.0), copied
 * because Lucene keeps the class package-private. The fallback stemmer when the setting
 * {@code fallback: light} is chosen (bench/wordform_eval.py compares it with Snowball's).
 */
final class LightStemmer {
    private LightStemmer() {}

    static int stem(char[] s, int len) {
        if (len > 4 && s[len - 1] == 's') {
            len--;
        }
        if (len > 7 && (endsWith(s, len, "elser") || endsWith(s, len, "heten"))) {
            return len - 5;
        }
        if (len > 6 && (endsWith(s, len, "arne") || endsWith(s, len, "erna") || endsWith(s, len, "ande")
                || endsWith(s, len, "else") || endsWith(s, len, "aste") || endsWith(s, len, "orna")
                || endsWith(s, len, "aren"))) {
            return len - 4;
        }
        if (len > 5 && (endsWith(s, len, "are") || endsWith(s, len, "ast") || endsWith(s, len, "het"))) {
            return len - 3;
        }
        if (len > 4 && (endsWith(s, len, "ar") || endsWith(s, len, "er") || endsWith(s, len, "or")
                || endsWith(s, len, "en") || endsWith(s, len, "at") || endsWith(s, len, "te")
                || endsWith(s, len, "et"))) {
            return len - 2;
        }
        if (len > 3) {
            switch (s[len - 1]) {
                case 't', 'a', 'e', 'n' -> {
                    return len - 1;
                }
                default -> { }
            }
        }
        return len;
    }

    private static boolean endsWith(char[] s, int len, String suffix) {
        int n = suffix.length();
        if (n > len) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s[len - n + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
