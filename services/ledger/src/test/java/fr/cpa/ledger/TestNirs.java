package fr.cpa.ledger;

import java.math.BigInteger;
import java.util.concurrent.ThreadLocalRandom;

/** Valid NIRs that tests draw at random among twelve million: men born in 1990 in department 13. */
final class TestNirs {

    private TestNirs() {
    }

    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // sex 1, year 90, month, department 13, commune and order
        String number = String.format("190%02d13%06d", random.nextInt(1, 13), random.nextInt(1_000_000));
        int key = 97 - new BigInteger(number).mod(BigInteger.valueOf(97)).intValue();
        return number + String.format("%02d", key);
    }
}
