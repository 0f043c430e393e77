package dev.bgcopy.tck;

import java.util.Objects;

/**
 * A named, reasoned exception to the kit, in the guava-testlib {@code suppressing(...)} style: one
 * contract test method that an implementation is known to fail, with the reason (ideally a tracked
 * issue). Suppressed tests are reported as skipped with {@code SUPPRESSED: reason} in the TCK
 * report, never silently dropped. Should never need to be used.
 *
 * @param contract the contract interface declaring the test
 * @param method the test method's name
 * @param reason why it is suppressed, e.g. the rule, expected vs actual, and the issue
 */
public record Suppression(Class<?> contract, String method, String reason) {

    /** Every part is required; the method must exist on the contract. */
    public Suppression {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(reason, "reason");
        boolean exists = false;
        for (var m : contract.getMethods()) {
            exists |= m.getName().equals(method);
        }
        if (!exists) {
            throw new IllegalArgumentException(contract.getSimpleName() + " has no test method " + method);
        }
    }

    /** Suppresses {@code contract.method} because of {@code reason}. */
    public static Suppression of(Class<?> contract, String method, String reason) {
        return new Suppression(contract, method, reason);
    }
}
