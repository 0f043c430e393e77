package dev.bgcopy.tck.internal;

import dev.bgcopy.api.HResult;
import dev.bgcopy.api.SemanticError;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the reference model expects a call to return: the exact codes strict mode accepts and the
 * condition lenient mode checks (docs/contract.md §0.3, §7.4).
 *
 * @param strict the codes strict mode accepts (usually one)
 * @param lenient the check lenient mode applies
 * @param text how the expectation reads in a failure message
 */
public record Expected(Set<HResult> strict, Predicate<HResult> lenient, String text) {

    /** {@code S_OK} in both modes. */
    public static Expected ok() {
        return new Expected(Set.of(HResult.S_OK), HResult.S_OK::equals, "S_OK");
    }

    /** The dialect's code (strict) or any member of the §7.4 class (lenient). */
    public static Expected of(SemanticError error, HResult dialectCode) {
        return new Expected(Set.of(dialectCode), error::matches, error + " (" + dialectCode + ")");
    }

    /** Exactly {@code code} in both modes (B-mode rules with a fixed code). */
    public static Expected exactly(HResult code) {
        return new Expected(Set.of(code), code::equals, code.toString());
    }

    /** One of {@code codes} (strict), any failure (lenient): a SIM code or several conditions at once. */
    public static Expected failure(HResult... codes) {
        return new Expected(Set.of(codes), HResult::isFailure, "one of " + Set.of(codes) + " (lenient: any failure)");
    }

    /** One of {@code codes} (strict), any success (lenient). */
    public static Expected success(HResult... codes) {
        return new Expected(Set.of(codes), HResult::isSuccess, "one of " + Set.of(codes) + " (lenient: any success)");
    }

    /** Whether {@code actual} meets this expectation in the given mode. */
    public boolean accepts(HResult actual, boolean strictMode) {
        return strictMode ? strict.contains(actual) : lenient.test(actual);
    }

    /** Whether every accepted code is a success. */
    public boolean isSuccess() {
        return strict.stream().allMatch(HResult::isSuccess);
    }

    @Override
    public String toString() {
        return text;
    }
}
