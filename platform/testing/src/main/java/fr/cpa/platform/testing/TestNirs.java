package fr.cpa.platform.testing;

import java.util.concurrent.ThreadLocalRandom;

import fr.cpa.platform.person.Nir;

/** Valid NIRs for tests: 13 characters and the key Nir computes for them. */
public final class TestNirs {

    private TestNirs() {
    }

    /** A NIR not used before (a random order number): a man born in 1990 in department 13. */
    public static String fresh() {
        return bornIn(1990, ThreadLocalRandom.current().nextInt(1, 13));
    }

    /** A man born that month in department 13 (the NIR gives the accounts their approximate birth date). */
    public static String bornIn(int year, int month) {
        // sex 1, year, month, department 13, commune and order
        return withKey(String.format("1%02d%02d13%06d", year % 100, month, ThreadLocalRandom.current().nextInt(1_000_000)));
    }

    /**
     * The {@code i}-th of a series of up to 1,000,000 distinct NIRs (commune and order number), for one test run: a
     * woman born in a random month of 1960–1999 in a random department, so that two runs seldom share a series.
     */
    public static Series series() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new Series(String.format("2%02d%02d%02d", random.nextInt(60, 100), random.nextInt(1, 13),
                random.nextInt(1, 96)));
    }

    public record Series(String prefix) {
        public String nir(int i) {
            return withKey(prefix + String.format("%06d", i));
        }
    }

    private static String withKey(String number) {
        return number + String.format("%02d", Nir.keyOf(number));
    }
}
