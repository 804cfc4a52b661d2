package fr.cpa.platform.person;

/**
 * A person's sex as the civil registry records it: the first digit of a NIR (1 or 7 male, 2 or 8 female) and the
 * FranceConnect {@code gender} claim ({@code male}, {@code female}) both say one of these two.
 */
public enum Gender {
    MALE,
    FEMALE
}
