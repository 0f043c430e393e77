package dev.bgcopy.simulator;

import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Routes each request of the shared HTTP client through the proxy its job's {@link ProxyPlan} names for the
 * destination, or directly. The plan travels in the request's own context, so jobs with different proxies never
 * share a route, and the pool, which keys connections by route, never hands one job's proxy connection to
 * another job with another proxy. The proxy chosen is recorded in the context for {@link JobCredentials}, which
 * tells a proxy's challenge from the server's by it.
 */
final class JobRoutePlanner extends DefaultRoutePlanner {

    private static final String PLAN = "dev.bgcopy.simulator.proxy-plan";
    private static final String CHOSEN = "dev.bgcopy.simulator.proxy";

    JobRoutePlanner() {
        super(null);
    }

    /** Makes the requests executed with {@code context} follow {@code plan}. */
    static void use(HttpClientContext context, ProxyPlan plan) {
        context.setAttribute(PLAN, plan);
    }

    /** The proxy of the request being executed with {@code context}, or null when it goes direct. */
    static HttpHost chosenProxy(HttpContext context) {
        return context.getAttribute(CHOSEN) instanceof HttpHost proxy ? proxy : null;
    }

    @Override
    protected HttpHost determineProxy(HttpHost target, HttpContext context) {
        HttpHost proxy = context.getAttribute(PLAN) instanceof ProxyPlan plan ? plan.proxyFor(target) : null;
        if (proxy == null) {
            context.removeAttribute(CHOSEN);
        } else {
            context.setAttribute(CHOSEN, proxy);
        }
        return proxy;
    }
}
