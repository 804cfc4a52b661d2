package fr.cpa.platform.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.cpa.platform.person.Nir;

/** Finds valid NIRs in text (a service's log, a table dump), for tests that none leaked there. */
public final class NirScan {

    /** Anything shaped like a NIR (digits, 2A/2B for Corsica), not inside a longer word or number. */
    private static final Pattern CANDIDATE = Pattern
            .compile("(?<![0-9A-Za-z])[1-8]\\d{4}(?:\\d{2}|2[AB])\\d{8}(?![0-9A-Za-z])");

    private NirScan() {
    }

    /** The numbers (from 1) of the lines holding a valid NIR: reported by line only, never the number itself. */
    public static List<Integer> linesWithNir(String text) {
        List<Integer> lines = new ArrayList<>();
        String[] all = text.split("\n");
        for (int i = 0; i < all.length; i++) {
            Matcher candidate = CANDIDATE.matcher(all[i]);
            while (candidate.find()) {
                try {
                    Nir.parse(candidate.group());
                    lines.add(i + 1);
                    break;
                } catch (Nir.InvalidNirException notANir) {
                    // a number of the same length, or a NIR with a wrong key: not a person's number
                }
            }
        }
        return lines;
    }
}
