/**
 * The build's one loopback HTTP/1.1 server ({@link dev.bgcopy.mockwebserver.MockWebServer}) and its
 * seekable pseudo-random content ({@link dev.bgcopy.mockwebserver.PseudoRandomContent}). Bouncy Castle is
 * needed only when TLS is asked for, so it is a static (optional) dependency.
 */
module dev.bgcopy.mockwebserver {
    requires static org.bouncycastle.pkix;
    requires static org.bouncycastle.provider;

    exports dev.bgcopy.mockwebserver;
}
