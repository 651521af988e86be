package se.remissvar.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Prints each word's analysis (stem and parts): a quick look without Elasticsearch. The words
 *  are the arguments, or one a line on standard input where there are none (a word list's
 *  splits, to read by eye).
 *  java -cp target/classes:target/test-classes:LUCENE_JARS se.remissvar.analysis.Probe ord ...
 *  (PROBE_QUERY=1 in the environment: as a query is analysed, sv_stem's {@code query} setting). */
public final class Probe {
    private Probe() {}

    public static void main(String[] args) throws IOException {
        // PROBE_QUERY=1: a query's analysis (sv_stem's query setting)
        SwedishWords w = new SwedishWords(SwedishLexicon.get(), true, SwedishWords.Fallback.SNOWBALL,
            "1".equals(System.getenv("PROBE_QUERY")));
        if (args.length > 0) {
            for (String a : args) {
                print(w, a);
            }
            return;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isBlank()) {
                print(w, line.strip());
            }
        }
    }

    private static void print(SwedishWords w, String word) {
        SwedishWords.Analysis r = w.analyzeToken(word);
        System.out.println(word + " -> " + r.stem() + " " + String.join(",", r.parts())
            + (r.verb() == null ? "" : " verb=" + r.verb()) + (w.commonNounBase(word) ? " [common noun]" : ""));
    }
}
