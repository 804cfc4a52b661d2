package fr.cpa.platform.events;

import fr.cpa.platform.web.CorrelationId;

/** Kafka headers set on every event, so a consumer can route or filter without parsing the value. */
public final class EventHeaders {

    public static final String EVENT_ID = "cpa-event-id";
    public static final String EVENT_TYPE = "cpa-event-type";
    public static final String EVENT_VERSION = "cpa-event-version";
    public static final String CORRELATION_ID = CorrelationId.HEADER;

    private EventHeaders() {
    }
}
