package se.remissvar.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.hunspell.DictEntries;
import org.apache.lucene.analysis.hunspell.DictEntry;
import org.apache.lucene.analysis.hunspell.Dictionary;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * What the filter knows of Swedish, loaded once per node from the plugin's jar: the hunspell-sv
 * dictionary, the forms it allows at the start or middle of a compound (modifiers.txt, made by
 * build.py from the dictionary's compound flags), words of general Swedish text (general_sv.txt)
 * and the umlaut plurals, which the dictionary either does not know ("bostäder") or stems to
 * another word ("städer" to "städa", to clean).
 */
final class SwedishLexicon {
    /** COMPOUNDEND in sv_SE.aff: the word may end a compound. */
    static final char COMPOUND_END = 'Y';

    /**
     * Singular and its umlaut plural stem; the plural's definite and genitive forms (-na, -s,
     * -nas) are derived. Matched at a word's end after nothing or after a known word (so
     * "bostäder", "storstäder" and "förstäderna" but not "gränder").
     */
    private static final String[][] UMLAUT_PLURALS = {
        {"stad", "städer"}, {"hand", "händer"}, {"land", "länder"}, {"strand", "stränder"},
        {"tand", "tänder"}, {"brand", "bränder"}, {"rand", "ränder"}, {"natt", "nätter"},
        {"bok", "böcker"}, {"fot", "fötter"}, {"rot", "rötter"}, {"son", "söner"}, {"bonde", "bönder"},
        {"ledamot", "ledamöter"}, {"stång", "stänger"}, {"tång", "tänger"}, {"fader", "fäder"},
        {"broder", "bröder"}, {"moder", "mödrar"}, {"dotter", "döttrar"}, {"man", "män"},
        {"gås", "gäss"}, {"mus", "möss"}, {"lus", "löss"},
    };
    /** Adjectives whose comparison changes the vowel ("större" and "störst" are "stor"). */
    private static final String[][] UMLAUT_COMPARISONS = {
        {"stor", "större", "störst", "största"}, {"lång", "längre", "längst", "längsta"},
        {"ung", "yngre", "yngst", "yngsta"}, {"låg", "lägre", "lägst", "lägsta"},
        {"tung", "tyngre", "tyngst", "tyngsta"}, {"trång", "trängre", "trängst", "trängsta"},
        {"grov", "grövre", "grövst", "grövsta"}, {"få", "färre", "färst", "färsta"},
    };

    private static volatile SwedishLexicon instance;

    final Dictionary dictionary;
    private final Map<String, String> modifiers;
    private final Set<String> general;
    /** Every umlaut plural form (with -na, -s, -nas) -> singular, and every umlaut comparison
     *  -> its positive, longest first. */
    final List<String[]> umlautForms;

    private SwedishLexicon() {
        try (InputStream aff = open("sv_SE.aff"); InputStream dic = open("sv_SE.dic")) {
            dictionary = new Dictionary(new ByteBuffersDirectory(), "sv", aff, dic);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("sv_SE.aff kunde inte läsas", e);
        }
        modifiers = new HashMap<>();
        for (String line : lines("modifiers.txt")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                modifiers.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        general = new HashSet<>(lines("general_sv.txt"));
        List<String[]> forms = new ArrayList<>();
        for (String[] p : UMLAUT_PLURALS) {
            for (String end : new String[] {"", "na", "s", "nas"}) {
                if (p[1].endsWith("r") || end.isEmpty() || end.equals("s")) {
                    forms.add(new String[] {p[1] + end, p[0]});
                }
            }
            if (!p[1].endsWith("r")) { // män -> männen, männens; möss -> mössen
                forms.add(new String[] {p[1] + "en", p[0]});
                forms.add(new String[] {p[1] + "ens", p[0]});
                forms.add(new String[] {p[1] + p[1].charAt(p[1].length() - 1) + "en", p[0]});
                forms.add(new String[] {p[1] + p[1].charAt(p[1].length() - 1) + "ens", p[0]});
            }
        }
        for (String[] c : UMLAUT_COMPARISONS) {
            for (int i = 1; i < c.length; i++) {
                forms.add(new String[] {c[i], c[0]});
            }
        }
        forms.sort((a, b) -> Integer.compare(b[0].length(), a[0].length()));
        umlautForms = forms;
    }

    static SwedishLexicon get() {
        SwedishLexicon l = instance;
        if (l == null) {
            synchronized (SwedishLexicon.class) {
                l = instance;
                if (l == null) {
                    l = new SwedishLexicon();
                    instance = l;
                }
            }
        }
        return l;
    }

    private static InputStream open(String name) {
        InputStream in = SwedishLexicon.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resursen " + name + " saknas i insticksprogrammet");
        }
        return in;
    }

    private static List<String> lines(String name) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The dictionary's own entry for this exact word (a root, not an inflected form). */
    boolean isRoot(String word) {
        return dictionary.lookupEntries(word) != null;
    }

    /** True when some dictionary entry of this root may end a compound. */
    boolean endsCompound(String root) {
        DictEntries entries = dictionary.lookupEntries(root);
        if (entries == null) {
            return false;
        }
        for (DictEntry e : entries) {
            if (e.getFlags().indexOf(COMPOUND_END) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A dictionary word of its own that may end a compound (a noun, adjective or verb stem,
     *  not a compound-only form): "remiss", "fördel", "hög". */
    boolean isWord(String root) {
        DictEntries entries = dictionary.lookupEntries(root);
        if (entries == null) {
            return false;
        }
        for (DictEntry e : entries) {
            String f = e.getFlags();
            if (f.indexOf(COMPOUND_END) >= 0 && f.indexOf('Z') < 0) {
                return true;
            }
        }
        return false;
    }

    /** True when every entry of this root has no affix flags: hunspell-sv lists some inflected
     *  forms that way ("höga", "drivit", "regeringen"). */
    boolean isBareForm(String root) {
        DictEntries entries = dictionary.lookupEntries(root);
        if (entries == null) {
            return false;
        }
        for (DictEntry e : entries) {
            if (!e.getFlags().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The word a compound-start form comes from ("trygghets" -> "trygghet"), or null. */
    String modifier(String form) {
        return modifiers.get(form);
    }

    boolean isGeneral(String word) {
        return general.contains(word);
    }
}
