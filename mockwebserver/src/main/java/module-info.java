/**
 * The build's one loopback HTTP/1.1 server ({@link dev.bgcopy.mockwebserver.MockWebServer}), origin or
 * forward proxy, and its seekable pseudo-random content ({@link dev.bgcopy.mockwebserver.PseudoRandomContent}).
 * Bouncy Castle is needed only when TLS is asked for ({@link dev.bgcopy.mockwebserver.SelfSignedTls}), so
 * it is a static (optional) dependency.
 */
module dev.bgcopy.mockwebserver {
    requires static org.bouncycastle.pkix;
    requires static org.bouncycastle.provider;

    exports dev.bgcopy.mockwebserver;
}
