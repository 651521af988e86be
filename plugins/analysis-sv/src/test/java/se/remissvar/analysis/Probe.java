package se.remissvar.analysis;

/** Prints each argument's analysis (stem and parts): a quick look without Elasticsearch.
 *  java -cp target/classes:target/test-classes:LUCENE_JARS se.remissvar.analysis.Probe ord ... */
public final class Probe {
    private Probe() {}

    public static void main(String[] args) {
        SwedishWords w = new SwedishWords(SwedishLexicon.get(), true, SwedishWords.Fallback.SNOWBALL);
        for (String a : args) {
            SwedishWords.Analysis r = w.analyze(a);
            System.out.println(a + " -> " + r.stem() + " " + String.join(",", r.parts()));
        }
    }
}
