package dev.bgcopy.simulator;

import java.util.Objects;

/**
 * Who is calling the simulated service: the stand-in for the COM caller's token, used for the owner
 * checks of docs/contract.md §4.1 ({@code GetJob} by a non-owner fails with {@code E_ACCESSDENIED}, R19),
 * {@code TakeOwnership} and {@code EnumJobs(BG_JOB_ENUM_ALL_USERS)}. Set it with
 * {@link SimulatorManager#setCaller(CallerIdentity)}.
 *
 * @param user the user name, reported by {@code GetOwner}
 * @param administrator whether the caller is an administrator (may see and change every job)
 */
public record CallerIdentity(String user, boolean administrator) {

    /** The user name is required and not blank. */
    public CallerIdentity {
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
    }

    /** An ordinary user. */
    public static CallerIdentity user(String user) {
        return new CallerIdentity(user, false);
    }

    /** An administrator. */
    public static CallerIdentity administrator(String user) {
        return new CallerIdentity(user, true);
    }

    /** Whether this caller may see and change a job owned by {@code owner}. */
    boolean mayAccess(CallerIdentity owner) {
        return administrator || user.equals(owner.user);
    }
}
