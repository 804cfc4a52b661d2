package fr.cpa.platform.web.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * A streamed request body, refused (413 problem) past {@code max} bytes: a chunked body has no length to check up
 * front, so the count is kept as it is read. With a time limit, a body still arriving after it is refused (408): a
 * client sending a byte now and then would otherwise hold its upload, and its worker thread, for as long as it
 * likes (each blocking read only waits {@code quarkus.http.read-timeout}). Uploads are known by their SHA-256 (a
 * retry with the same Idempotency-Key must send the same file), hence the helpers below.
 */
public final class LimitedBody extends FilterInputStream {

    private final long max;
    private final Duration timeout;
    private final long deadline;
    private long read;

    public LimitedBody(InputStream in, long max) {
        this(in, max, null);
    }

    /** Refused past {@code max} bytes, and once {@code timeout} (null: none) has passed since now. */
    public LimitedBody(InputStream in, long max, Duration timeout) {
        super(in);
        this.max = max;
        this.timeout = timeout;
        this.deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The SHA-256 of a body read to its end within {@code max} bytes, without keeping it. */
    public static byte[] sha256(InputStream body, long max) throws IOException {
        MessageDigest sha256 = sha256();
        try (DigestInputStream in = new DigestInputStream(new LimitedBody(body, max), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return sha256.digest();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
    }

    private void count(int n) {
        if (timeout != null && System.nanoTime() - deadline > 0) {
            long seconds = timeout.toSeconds();
            throw new ProblemException(ProblemType.REQUEST_TIMEOUT, "The request body did not arrive whole within "
                    + (seconds % 60 == 0 ? seconds / 60 + " minutes." : seconds + " seconds."));
        }
        read += n;
        if (read > max) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body exceeds the limit of " + max + " bytes.");
        }
    }
}
