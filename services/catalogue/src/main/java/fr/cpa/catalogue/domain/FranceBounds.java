package fr.cpa.catalogue.domain;

import java.util.List;

/**
 * Whether a point can be a training place in France: inside the box of metropolitan France (Corsica included) or of
 * one of the overseas regions. Boxes, not borders: it catches swapped or mistyped coordinates, not a place abroad
 * near a border.
 */
public final class FranceBounds {

    private record Box(double south, double north, double west, double east) {
        boolean contains(double latitude, double longitude) {
            return latitude >= south && latitude <= north && longitude >= west && longitude <= east;
        }
    }

    private static final List<Box> BOXES = List.of(
            new Box(41.3, 51.1, -5.2, 9.6), // metropolitan France and Corsica
            new Box(15.8, 16.6, -61.9, -60.9), // Guadeloupe
            new Box(14.3, 14.9, -61.3, -60.8), // Martinique
            new Box(2.1, 5.8, -54.6, -51.6), // Guyane
            new Box(-21.4, -20.8, 55.2, 55.9), // La Réunion
            new Box(-13.1, -12.6, 45.0, 45.3)); // Mayotte

    private FranceBounds() {
    }

    public static boolean contains(double latitude, double longitude) {
        return BOXES.stream().anyMatch(box -> box.contains(latitude, longitude));
    }
}
