package fr.cpa.platform.person;

/** Valid NIRs for tests: the 13 characters and the key they call for. */
final class Nirs {

    private Nirs() {
    }

    /** The 15 characters of a valid NIR, the key computed from the 13 given. */
    static String withKey(String number) {
        return number + String.format("%02d", Nir.keyOf(number));
    }

    /** The NIR of 13 characters with its key, parsed (so checked) like any other. */
    static Nir valid(String number) {
        return Nir.parse(withKey(number));
    }
}
