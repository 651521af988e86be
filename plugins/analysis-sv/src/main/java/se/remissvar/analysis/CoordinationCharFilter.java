package se.remissvar.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Swedish coordination with a hyphen: "gatu- och fastighetsnämnden" is the gatunämnden and the
 * fastighetsnämnden. Each word cut off before its hyphen gets the head of the last word of the
 * coordination ("Gatu-" is read "Gatunämnden"), where the analysis splits that word
 * ({@link SwedishWords#headForm}); the rest of the text is left as it is ("för- och nackdelar"
 * stays: "nackdel" is not split). The cut-off word is kept beside its completion: the hyphen
 * becomes {@link #JOIN}, a format character the standard tokenizer keeps inside the token
 * ("Gatu\u2060nämnden"), and {@link SwedishStemFilter} emits the completion's stem with the cut-off
 * word's at the same position - "gång- och cykeltrafik" is still "gång", as it was before the
 * completion, and "gångtrafik". Offsets are corrected, so that a highlight of the completed
 * word marks "Gatu-" in the original text. The coordinating words: och, eller, samt, respektive,
 * resp, alternativt; a list ("förskole-, grund- och gymnasieskolor") completes every cut-off word.
 */
final class CoordinationCharFilter extends BaseCharFilter {
    static final Pattern COORDINATION = Pattern.compile(
        "((?:\\p{L}+-,\\s+)*\\p{L}+-)(\\s+(?:och|eller|samt|respektive|resp\\.?|alternativt)\\s+)(\\p{L}+)",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern CUT = Pattern.compile("(\\p{L}+)-");
    /** Between a cut-off word and its completion's head: WORD JOINER (Unicode word-break class
     *  Format, which the standard tokenizer keeps within a word, UAX #29 WB4). */
    static final char JOIN = '\u2060';
    private final Supplier<SwedishWords> analysis;
    private SwedishWords words;
    private Reader transformed;

    /** {@code analysis} is asked for only where the text has a coordination (most has none). */
    CoordinationCharFilter(Reader in, Supplier<SwedishWords> analysis) {
        super(in);
        this.analysis = analysis;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        return transformed().read(cbuf, off, len);
    }

    @Override
    public int read() throws IOException {
        return transformed().read();
    }

    /** The completed text, read and completed on the first read. */
    private Reader transformed() throws IOException {
        if (transformed == null) {
            transformed = new StringReader(complete(readAll()));
        }
        return transformed;
    }

    private String readAll() throws IOException {
        StringBuilder b = new StringBuilder();
        char[] buf = new char[1024];
        int n;
        while ((n = input.read(buf)) != -1) {
            b.append(buf, 0, n);
        }
        return b.toString();
    }

    /** A letter, a hyphen, then a comma or white space: where {@link #COORDINATION} can match. */
    static boolean hasCut(String text) {
        for (int i = text.indexOf('-'); i >= 0 && i + 1 < text.length(); i = text.indexOf('-', i + 1)) {
            char after = text.charAt(i + 1);
            if (i > 0 && Character.isLetter(text.charAt(i - 1)) && (after == ',' || Character.isWhitespace(after))) {
                return true;
            }
        }
        return false;
    }

    /** The text with each cut-off word completed, the offset corrections recorded. */
    String complete(String text) {
        if (!hasCut(text)) {
            return text; // most text: no letter before a hyphen before a space or comma (no regex run)
        }
        Matcher m = COORDINATION.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int last = 0;
        int cumulative = 0; // an original offset is the output offset plus this (past the last correction)
        while (m.find()) {
            if (words == null) {
                words = analysis.get();
            }
            String found = words.headForm(m.group(3).toLowerCase(Locale.ROOT));
            if (found == null) {
                continue;
            }
            String head = JOIN + found;
            Matcher cut = CUT.matcher(m.group(1));
            int base = m.start(1);
            while (cut.find()) {
                int wordEnd = base + cut.end(1); // the hyphen's offset in the original
                out.append(text, last, wordEnd);
                int start = out.length();
                out.append(head);
                last = wordEnd + 1; // the hyphen is replaced by the joiner and the head
                // the characters past the joiner point at the hyphen in the original; the text
                // after it, where it was (as Lucene's PatternReplaceCharFilter corrects)
                for (int i = 1; i < head.length(); i++) {
                    addOffCorrectMap(start + i, --cumulative);
                }
            }
        }
        out.append(text, last, text.length());
        return out.toString();
    }
}
