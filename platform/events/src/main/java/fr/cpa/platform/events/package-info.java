/**
 * Event contracts of the platform and their transport: {@link fr.cpa.platform.events.EventEnvelope},
 * {@link fr.cpa.platform.events.Topics}, the transactional {@link fr.cpa.platform.events.Outbox} and its
 * {@link fr.cpa.platform.events.OutboxRelay}, and consumer de-duplication
 * ({@link fr.cpa.platform.events.ProcessedEvents}, {@link fr.cpa.platform.events.IncomingEvents}).
 *
 * <h2>Wire format</h2>
 * A Kafka record per event: key = subject key (person key or holder id), value = the envelope as UTF-8 JSON,
 * <pre>{@code
 * {"id":"5f0c…-uuid","type":"FundsReserved","version":1,"occurredAt":"2026-03-02T09:15:00.123Z",
 *  "subjectKey":"<person key>","correlationId":"<X-Request-Id>","payload":{ …the event record's components… }}
 * }</pre>
 * and headers {@code cpa-event-id}, {@code cpa-event-type}, {@code cpa-event-version} and {@code X-Request-Id}
 * repeating the envelope's id, type, version and correlation id. Times are ISO-8601 UTC. Consumers ignore
 * unknown fields; an incompatible change of a payload is a new version of its type.
 */
package fr.cpa.platform.events;
