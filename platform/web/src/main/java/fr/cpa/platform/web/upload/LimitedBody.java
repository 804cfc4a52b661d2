package fr.cpa.platform.web.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import fr.cpa.platform.web.problem.ProblemException;
import fr.cpa.platform.web.problem.ProblemType;

/**
 * A streamed request body, refused (413 problem) past {@code max} bytes: a chunked body has no length to check up
 * front, so the count is kept as it is read.
 */
public final class LimitedBody extends FilterInputStream {

    private final long max;
    private long read;

    public LimitedBody(InputStream in, long max) {
        super(in);
        this.max = max;
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
