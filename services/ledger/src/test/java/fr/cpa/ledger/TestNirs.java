package fr.cpa.ledger;

import java.math.BigInteger;
import java.util.concurrent.ThreadLocalRandom;

/** Valid NIRs that tests draw at random: men born in department 13, a million for each month. */
final class TestNirs {

    private TestNirs() {
    }

    static String fresh() {
        return bornIn(1990, ThreadLocalRandom.current().nextInt(1, 13));
    }

    /** A man born that month in department 13 (the NIR gives the accounts their approximate birth date). */
    static String bornIn(int year, int month) {
        // sex 1, year, month, department 13, commune and order
        String number = String.format("1%02d%02d13%06d", year % 100, month,
                ThreadLocalRandom.current().nextInt(1_000_000));
        int key = 97 - new BigInteger(number).mod(BigInteger.valueOf(97)).intValue();
        return number + String.format("%02d", key);
    }
}
