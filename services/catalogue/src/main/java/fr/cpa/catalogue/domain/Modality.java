package fr.cpa.catalogue.domain;

/** How an action is given (LHEO: modalités pédagogiques): on site, at a distance, or both. */
public enum Modality {
    IN_PERSON,
    REMOTE,
    BLENDED
}
