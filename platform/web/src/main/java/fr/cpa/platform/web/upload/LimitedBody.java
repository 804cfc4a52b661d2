package fr.cpa.platform.web.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * A streamed request body, refused (413 problem) past {@code max} bytes: a chunked body has no length to check up
 * front, so the count is kept as it is read. Uploads are known by their SHA-256 (a retry with the same
 * Idempotency-Key must send the same file), hence the helpers below.
 */
public final class LimitedBody extends FilterInputStream {

    private final long max;
    private long read;

    public LimitedBody(InputStream in, long max) {
        super(in);
        this.max = max;
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
        read += n;
        if (read > max) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body exceeds the limit of " + max + " bytes.");
        }
    }
}
