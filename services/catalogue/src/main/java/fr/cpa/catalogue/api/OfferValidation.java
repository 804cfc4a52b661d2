package fr.cpa.catalogue.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import fr.cpa.catalogue.domain.FranceBounds;
import fr.cpa.catalogue.domain.Modality;
import fr.cpa.catalogue.domain.Offers.Action;
import fr.cpa.catalogue.domain.Offers.Contact;
import fr.cpa.catalogue.domain.Offers.Offer;
import fr.cpa.catalogue.domain.Offers.Place;
import fr.cpa.catalogue.domain.Offers.Session;
import fr.cpa.platform.web.problem.FieldError;

/**
 * What an offer must be to be published. The bounds catch typing errors; they are not legal figures: a training of
 * more than 5,000 hours or 100,000 euros, or a session more than 5 years long, is a mistake.
 */
final class OfferValidation {

    static final int MAX_HOURS = 5_000;
    static final long MAX_CENTS = 10_000_000;
    static final int MAX_SEATS = 1_000;
    static final int MAX_ACTIONS = 50;
    static final int MAX_SESSIONS = 200;
    private static final int MAX_SESSION_YEARS = 5;
    private static final String CERTIFICATION_CODE = "(RNCP|RS)\\d{1,6}";
    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    private static final String PHONE = "\\+?[0-9 .]{10,20}";

    private OfferValidation() {
    }

    /** The fields that are wrong, given the certifications and regions that exist. */
    static List<FieldError> errors(Offer offer, boolean certificationExists, Set<String> regionCodes) {
        List<FieldError> errors = new ArrayList<>();
        Fields.text("title", offer.title(), 200, errors);
        Fields.text("objectives", offer.objectives(), 3_000, errors);
        Fields.text("content", offer.content(), 20_000, errors);
        if (offer.certificationCode() == null || !offer.certificationCode().matches(CERTIFICATION_CODE)) {
            errors.add(new FieldError("certificationCode", "must be a code RNCP… or RS… followed by digits"));
        } else if (!certificationExists) {
            errors.add(new FieldError("certificationCode", "is not a known certification"));
        }
        contact(offer.contact(), errors);
        if (offer.actions() == null || offer.actions().isEmpty()) {
            errors.add(new FieldError("actions", "needs at least one action"));
        } else if (offer.actions().size() > MAX_ACTIONS) {
            errors.add(new FieldError("actions", "must have at most " + MAX_ACTIONS + " actions"));
        } else {
            for (int i = 0; i < offer.actions().size(); i++) {
                action("actions[" + i + "]", offer.actions().get(i), regionCodes, errors);
            }
        }
        return errors;
    }

    private static void contact(Contact contact, List<FieldError> errors) {
        if (contact == null) {
            errors.add(new FieldError("contact", "is required"));
            return;
        }
        Fields.optionalText("contact.name", contact.name(), 200, errors);
        if (contact.email() == null || contact.email().length() > 254 || !contact.email().strip().matches(EMAIL)) {
            errors.add(new FieldError("contact.email", "must be an e-mail address"));
        }
        if (contact.phone() != null && !contact.phone().isBlank() && !contact.phone().strip().matches(PHONE)) {
            errors.add(new FieldError("contact.phone", "must be a phone number of 10 to 20 digits"));
        }
    }

    private static void action(String path, Action action, Set<String> regionCodes, List<FieldError> errors) {
        if (action == null) {
            errors.add(new FieldError(path, "is required"));
            return;
        }
        Fields.range(path + ".durationHours", action.durationHours(), 1, MAX_HOURS, "hours", errors);
        Fields.range(path + ".priceCents", action.priceCents(), 0, MAX_CENTS, "euro cents", errors);
        if (action.modality() == null) {
            errors.add(new FieldError(path + ".modality", "is required"));
        }
        if (action.place() == null) {
            if (action.modality() != Modality.REMOTE) {
                errors.add(new FieldError(path + ".place", "is required unless the action is wholly REMOTE"));
            }
        } else {
            place(path + ".place", action.place(), regionCodes, errors);
        }
        if (action.sessions() == null || action.sessions().isEmpty()) {
            errors.add(new FieldError(path + ".sessions", "needs at least one session"));
        } else if (action.sessions().size() > MAX_SESSIONS) {
            errors.add(new FieldError(path + ".sessions", "must have at most " + MAX_SESSIONS + " sessions"));
        } else {
            for (int j = 0; j < action.sessions().size(); j++) {
                session(path + ".sessions[" + j + "]", action.sessions().get(j), errors);
            }
        }
    }

    private static void place(String path, Place place, Set<String> regionCodes, List<FieldError> errors) {
        Fields.optionalText(path + ".name", place.name(), 200, errors);
        Fields.optionalText(path + ".street", place.street(), 200, errors);
        Fields.postcode(path + ".postcode", place.postcode(), errors);
        Fields.text(path + ".city", place.city(), 100, errors);
        if (place.regionCode() == null || !regionCodes.contains(place.regionCode())) {
            errors.add(new FieldError(path + ".regionCode", "must be the INSEE code of a French region"));
        }
        if (place.latitude() == null || place.longitude() == null) {
            errors.add(new FieldError(path + (place.latitude() == null ? ".latitude" : ".longitude"),
                    "is required"));
        } else if (!FranceBounds.contains(place.latitude(), place.longitude())) {
            errors.add(new FieldError(path + ".latitude", "latitude and longitude must be a place in France"));
        }
    }

    private static void session(String path, Session session, List<FieldError> errors) {
        if (session == null) {
            errors.add(new FieldError(path, "is required"));
            return;
        }
        LocalDate start = session.startsOn();
        LocalDate end = session.endsOn();
        if (start == null) {
            errors.add(new FieldError(path + ".startsOn", "is required"));
        }
        if (end == null) {
            errors.add(new FieldError(path + ".endsOn", "is required"));
        } else if (start != null && end.isBefore(start)) {
            errors.add(new FieldError(path + ".endsOn", "must not be before startsOn"));
        } else if (start != null && end.isAfter(start.plusYears(MAX_SESSION_YEARS))) {
            errors.add(new FieldError(path + ".endsOn", "must be within " + MAX_SESSION_YEARS + " years of startsOn"));
        }
        Fields.range(path + ".seats", session.seats(), 1, MAX_SEATS, "seats", errors);
        if (session.inWorkingTime() == null) {
            errors.add(new FieldError(path + ".inWorkingTime", "is required"));
        }
    }
}
