/**
 * The bgcopy conformance kit: contract tests for every {@code IBackgroundCopyJob} implementation,
 * tagged with the rule numbers of docs/contract.md §9.
 */
module dev.bgcopy.tck {
    requires transitive dev.bgcopy.api;
    requires transitive dev.bgcopy.mockwebserver;
    // HttpSecurityContract's TLS servers: the mockwebserver needs Bouncy Castle, which it only requires statically.
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires transitive net.jqwik.api;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires org.junit.platform.launcher;

    exports dev.bgcopy.tck;

    provides net.jqwik.api.lifecycle.LifecycleHook with dev.bgcopy.tck.internal.RequiresHook;
    provides org.junit.platform.launcher.TestExecutionListener with dev.bgcopy.tck.internal.TckReportListener;
}
