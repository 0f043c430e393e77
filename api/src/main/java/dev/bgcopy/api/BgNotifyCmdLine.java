package dev.bgcopy.api;

/**
 * The two strings of {@code IBackgroundCopyJob2::GetNotifyCmdLine} / {@code SetNotifyCmdLine}
 * (docs/contract.md §4.11): the program to run when the job reaches TRANSFERRED or ERROR, and its whole
 * command line (whose first word is the program again). Both are empty when none was set.
 *
 * @param program the program's full path, or empty
 * @param parameters the command line, or empty
 */
public record BgNotifyCmdLine(String program, String parameters) {

    /** What a job without a notification program reports. */
    public static final BgNotifyCmdLine NONE = new BgNotifyCmdLine("", "");

    /** Null strings read as empty, as the native getter reports them. */
    public BgNotifyCmdLine {
        program = program == null ? "" : program;
        parameters = parameters == null ? "" : parameters;
    }

    /** Whether a program is set. */
    public boolean isSet() {
        return !program.isEmpty();
    }
}
